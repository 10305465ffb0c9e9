/**
 * The Public API's per-token limit. Authentication and authorization of every operation (missing,
 * malformed, unknown, revoked and expired tokens; missing scopes; claims; other accounts' ids) are
 * the authorization matrix, generated from the registry: hardening/authorization.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { startHarness } from './testing/harness';

describe('the per-token limit', () => {
  it('answers 429 with retryAfterSeconds once a token exceeds its per-minute budget, and serves it again in the next window', async () => {
    const limited = await startHarness({ limits: { publicApiPerToken: { limit: 3, windowSeconds: 60 } } });
    try {
      limited.clock.set(Math.floor(limited.clock.now().getTime() / 60_000) * 60_000);
      const agent = await limited.registerAgent();
      for (let i = 0; i < 3; i++) expect((await limited.api('/auth/me', { token: agent.access_token })).status).toBe(200);
      const res = await limited.api('/auth/me', { token: agent.access_token });
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 60, limit: 3, windowSeconds: 60 } });
      expect(res.headers.get('retry-after')).toBe('60');
      limited.clock.advance(59_000);
      expect((await limited.api('/auth/me', { token: agent.access_token })).body.details).toMatchObject({ retryAfterSeconds: 1 });
      limited.clock.advance(1000); // the next window: the same token is served again
      expect((await limited.api('/auth/me', { token: agent.access_token })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
