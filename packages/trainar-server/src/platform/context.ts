/**
 * @module What every TrainAR operation handler receives: the caller's tenant (from the key, never
 * from input), the actor, the request scope and one module's services (see platform/module.ts).
 */
import type { CallerAuth, RequestScope } from '@platform/kit';
import type { Actor, ServiceDeps } from './deps';

export interface TrainArAuth extends CallerAuth {
  tenantId: string;
  keyId: string;
}

/** Infrastructure every module receives from the composition root: the database, clock, mailer, settings… */
export type PlatformServices = ServiceDeps;

export interface TrainArContext<S> {
  /** The authenticated key's tenant: every query a handler causes is scoped to it. */
  tenantId: string;
  actor: Actor;
  services: S;
  scope: RequestScope<TrainArAuth>;
}

/** The request part of a handler's context, built once per call; `bindModule` adds the module's services. */
export type RequestContext = Omit<TrainArContext<unknown>, 'services'>;

export function requestContext(scope: RequestScope<TrainArAuth>): RequestContext {
  const auth = scope.auth;
  // Every TrainAR operation has auth 'required': the pipeline refuses a call without a key before this runs.
  if (!auth) throw new Error('TrainAR handlers need an authenticated key');
  return { tenantId: auth.tenantId, actor: { kind: 'key', keyId: auth.keyId, scopes: auth.scopes }, scope };
}
