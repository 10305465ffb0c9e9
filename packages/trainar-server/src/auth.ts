/**
 * @module API-key authentication for REST and MCP (spec 4.7): a missing key is left to the pipeline
 * (401 for operations that need one); a malformed key is a 401 before any database lookup; an
 * unknown or revoked key, or a key of a disabled tenant, is a 401. Then the per-key rate limit.
 */
import { isWellFormedToken, type RateLimiter, unauthorized } from '@platform/kit';
import { KEY_PREFIX } from './api-keys';
import type { AppServices } from './composition';
import type { TrainArAuth } from './platform/context';

export function createAuthenticator(services: AppServices, limiter: RateLimiter) {
  return async function authenticate(credential: string | null): Promise<TrainArAuth | null> {
    if (credential === null) return null;
    if (!isWellFormedToken(credential, [KEY_PREFIX])) {
      throw unauthorized('Malformed API key: send Authorization: Bearer tak_… with a key from Dashboard → API & Webhooks → API Keys.');
    }
    const key = await services.apiKeys.authenticate(credential);
    if (!key) throw unauthorized('Unknown or revoked API key, or the tenant is disabled.');
    const limit = services.deps.settings.apiRateLimitPerMinute;
    if (limit > 0) await limiter.enforce(`tak:${key.keyId}`, limit, 60, `This key made more than ${limit} requests in a minute.`);
    return { credentialId: key.keyId, keyId: key.keyId, tenantId: key.tenantId, scopes: key.scopes };
  };
}
