/**
 * @module The Public API (`/api/public/v1`) as the kit's operation server: every module's contracts
 * bound to its handlers (each with its own module's services), tokens resolved by `authenticate`,
 * gates by `checkGates`.
 */
import { opentrainApi } from '@opentrain/api';
import { createOperationServer, GuessThrottle, throttleCredentialGuesses } from '@platform/kit';
import type { AccessServices, OpenTrainAuth, OpenTrainContext } from './platform/context';
import { checkGates, explainMissingScopes } from './platform/gates';
import { type AnyModule, bindModule } from './platform/module';
import { describeAuthError, withNextSteps } from './platform/next-steps';

export interface PublicApiServices extends AccessServices {
  tokens: { authenticate(credential: string | null): Promise<OpenTrainAuth | null> };
}

export function createPublicApi(services: PublicApiServices, modules: readonly AnyModule[]) {
  const access: AccessServices = { publicUrl: services.publicUrl, limits: services.limits, limiter: services.limiter, features: services.features, stepUp: services.stepUp };
  const server = createOperationServer<OpenTrainAuth, OpenTrainContext>({
    api: opentrainApi,
    implementations: modules.flatMap((m) => bindModule(m)),
    // Unknown, revoked, expired or malformed tokens count as guesses of this address (REST and /mcp).
    authenticate: throttleCredentialGuesses(
      (credential) =>
        services.tokens.authenticate(credential).catch((err: unknown) => {
          throw describeAuthError(err, services.publicUrl());
        }),
      new GuessThrottle(services.limiter, 'ot:bad-token', services.limits.secretGuessesPerIp),
    ),
    makeContext: (scope) => ({ auth: scope.auth, scope, services: access }),
    checkGates,
    explainMissingScopes,
  });
  return withNextSteps(server);
}
