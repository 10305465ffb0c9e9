/** @module What TrainAR operation handlers receive: the caller's tenant (from the key, never from input), the actor and the services. */
import type { CallerAuth, RequestScope } from '@platform/kit';
import type { Actor } from './deps';
import type { TrainArServices } from './services';

export interface TrainArAuth extends CallerAuth {
  tenantId: string;
  keyId: string;
}

export interface TrainArContext {
  /** The authenticated key's tenant: every query a handler causes is scoped to it. */
  tenantId: string;
  actor: Actor;
  services: TrainArServices;
  scope: RequestScope<TrainArAuth>;
}

export function makeContext(services: TrainArServices) {
  return (scope: RequestScope<TrainArAuth>): TrainArContext => {
    const auth = scope.auth;
    // Every TrainAR operation has auth 'required': the pipeline refuses a call without a key before this runs.
    if (!auth) throw new Error('TrainAR handlers need an authenticated key');
    return { tenantId: auth.tenantId, actor: { kind: 'key', keyId: auth.keyId, scopes: auth.scopes }, services, scope };
  };
}
