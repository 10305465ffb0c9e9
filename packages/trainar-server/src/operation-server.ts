/** @module The TrainAR operation server: the registry bound to its handlers, key authentication and the context. */
import { createOperationServer, GuessThrottle, type RateLimiter, throttleCredentialGuesses } from '@platform/kit';
import { trainarApi } from '@trainar/api';
import { accountHandlers } from './account/handlers';
import { apiKeyHandlers } from './api-keys/handlers';
import { createAuthenticator } from './auth';
import { knowledgeHandlers } from './knowledge/handlers';
import { makeContext, type TrainArAuth, type TrainArContext } from './context';
import type { TrainArServices } from './services';
import { skillHandlers } from './skills/handlers';
import { userHandlers } from './users/handlers';
import { taskHandlers } from './tasks/handlers';
import { webhookHandlers } from './webhooks/handlers';
import { seatHandlers } from './seats/handlers';
import { deviceHandlers } from './devices/handlers';
import { sessionHandlers } from './sessions/handlers';
import { billingHandlers } from './billing/handlers';
import { integrationHandlers } from './integrations/handlers';
import { reportHandlers } from './reports/handlers';

export const implementations = [...userHandlers, ...accountHandlers, ...apiKeyHandlers, ...taskHandlers, ...skillHandlers, ...webhookHandlers, ...knowledgeHandlers, ...seatHandlers, ...deviceHandlers, ...sessionHandlers, ...billingHandlers, ...reportHandlers, ...integrationHandlers];

export function createTrainArOperationServer(services: TrainArServices, limiter: RateLimiter) {
  return createOperationServer<TrainArAuth, TrainArContext>({
    api: trainarApi,
    implementations,
    // Unknown, revoked or malformed keys count as guesses of this address (REST, /mcp and /sse).
    authenticate: throttleCredentialGuesses(createAuthenticator(services, limiter), new GuessThrottle(limiter, 'tak:bad-key', services.deps.settings.secretGuessesPerIp)),
    makeContext: makeContext(services),
  });
}
