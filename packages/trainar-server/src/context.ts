/** @module The context of the handlers and pages of the domains not yet built as modules: the request plus every module's services. */
import type { RequestScope } from '@platform/kit';
import type { AppServices } from './composition';
import { type TrainArContext as ModuleContext, requestContext, type TrainArAuth } from './platform/context';
import type { PageDeps } from './platform/web-ui';

export type { TrainArAuth } from './platform/context';

export type TrainArContext = ModuleContext<AppServices>;

/** What the pages of the domains not yet built as modules are mounted with: the shell plus the composed services. */
export type DashboardDeps = PageDeps<AppServices>;

export function makeContext(services: AppServices) {
  return (scope: RequestScope<TrainArAuth>): TrainArContext => ({ ...requestContext(scope), services });
}
