/**
 * @module The Public API (`/api/public/v1`) as the kit's operation server: every contract in the
 * registry bound to its handler, tokens resolved by `authenticate`, gates by `checkGates`.
 */
import { opentrainApi } from '@opentrain/api';
import { createOperationServer } from '@platform/kit';
import { accountOperations } from './accounts/operations';
import type { OpenTrainAuth, OpenTrainContext } from './context';
import { DOMAINS } from './domains';
import { checkGates, explainMissingScopes } from './gates';
import { describeAuthError, withNextSteps } from './next-steps';
import type { Services } from './services';
import { tokenOperations } from './tokens/operations';

export const implementations = [...accountOperations, ...tokenOperations, ...DOMAINS.flatMap((d) => d.implementations)];

export function createPublicApi(services: Services) {
  const server = createOperationServer<OpenTrainAuth, OpenTrainContext>({
    api: opentrainApi,
    implementations,
    authenticate: (credential) =>
      services.tokens.authenticate(credential).catch((err: unknown) => {
        throw describeAuthError(err, services.publicUrl());
      }),
    makeContext: (scope) => ({ auth: scope.auth, scope, services }),
    checkGates,
    explainMissingScopes,
  });
  return withNextSteps(server);
}
