/** @module The context of the handlers of the domains not yet built as modules: the request plus every module's services. */
import type { RequestScope } from '@platform/kit';
import type { AppServices } from './composition';
import { type TrainArContext as ModuleContext, requestContext, type TrainArAuth } from './platform/context';

export type { TrainArAuth } from './platform/context';

export type TrainArContext = ModuleContext<AppServices>;

export function makeContext(services: AppServices) {
  return (scope: RequestScope<TrainArAuth>): TrainArContext => ({ ...requestContext(scope), services });
}
