/** @module The TrainAR operation server: the registry bound to its handlers, key authentication and the context. */
import { createOperationServer, GuessThrottle, type RateLimiter, throttleCredentialGuesses } from '@platform/kit';
import { trainarApi } from '@trainar/api';
import { createAuthenticator } from './auth';
import type { AppServices } from './composition';
import { makeContext, type TrainArAuth, type TrainArContext } from './context';
import { deviceHandlers } from './devices/handlers';
import { type AnyModule, bindModule } from './platform/module';
import { seatHandlers } from './seats/handlers';
import { sessionHandlers } from './sessions/handlers';

/** The handlers of the domains not yet built as modules; they read the composed services. */
const domainImplementations = [...seatHandlers, ...deviceHandlers, ...sessionHandlers];

export function createTrainArOperationServer(modules: readonly AnyModule[], services: AppServices, limiter: RateLimiter) {
  return createOperationServer<TrainArAuth, TrainArContext>({
    api: trainarApi,
    implementations: [...modules.flatMap(bindModule), ...domainImplementations],
    // Unknown, revoked or malformed keys count as guesses of this address (REST, /mcp and /sse).
    authenticate: throttleCredentialGuesses(createAuthenticator(services, limiter), new GuessThrottle(limiter, 'tak:bad-key', services.deps.settings.secretGuessesPerIp)),
    makeContext: makeContext(services),
  });
}
