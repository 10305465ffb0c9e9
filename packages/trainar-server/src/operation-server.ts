/** @module The TrainAR operation server: the registry bound to every module's handlers (each with its own module's services), key authentication and the request context. */
import { createOperationServer, GuessThrottle, type RateLimiter, throttleCredentialGuesses } from '@platform/kit';
import { trainarApi } from '@trainar/api';
import { createAuthenticator } from './auth';
import type { AppServices } from './composition';
import { type RequestContext, requestContext, type TrainArAuth } from './platform/context';
import { type AnyModule, bindModule } from './platform/module';

export function createTrainArOperationServer(modules: readonly AnyModule[], services: AppServices, limiter: RateLimiter) {
  return createOperationServer<TrainArAuth, RequestContext>({
    api: trainarApi,
    implementations: modules.flatMap(bindModule),
    // Unknown, revoked or malformed keys count as guesses of this address (REST, /mcp and /sse).
    authenticate: throttleCredentialGuesses(createAuthenticator(services, limiter), new GuessThrottle(limiter, 'tak:bad-key', services.deps.settings.secretGuessesPerIp)),
    makeContext: requestContext,
  });
}
