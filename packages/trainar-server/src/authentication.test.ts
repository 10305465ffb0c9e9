/**
 * Authentication details beyond the authorization matrix (hardening/authorization.test.ts, which
 * runs every bad key against every operation on REST and MCP): authentication comes before input
 * validation, a malformed key is refused without a database lookup, the scheme is case-insensitive,
 * and the per-key rate limit.
 */
import { generateToken } from '@platform/kit';
import { operations, SCOPES } from '@trainar/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type TrainArHarness } from './testing/index';

let h: TrainArHarness;
let good: string;

beforeAll(async () => {
  h = await startHarness();
  const t = await h.createTenant('Auth Checks');
  good = (await h.createKey(t.tenantId, SCOPES)).key;
});
afterAll(() => h?.close());

describe('authentication on every operation', () => {
  it('answers 401 to garbage input without a key: authentication comes before validation', async () => {
    for (const op of operations) {
      const garbage = await h.callOperation(op, { limit: 'x', user_id: 'x', key_id: 'x', scopes: 'x', email: 1 }, null);
      expect(garbage.status, op.name).toBe(401);
      expect(garbage.body.error, op.name).toBe('UNAUTHORIZED');
    }
  });

  it('refuses a malformed key before looking anything up', async () => {
    const lookup = vi.spyOn(h.services.apiKeys, 'authenticate');
    try {
      const res = await h.call('GET', '/v1/api-tenant-users', { key: 'tak_not-even-close' });
      expect(res.status).toBe(401);
      expect(lookup).not.toHaveBeenCalled();
      await h.call('GET', '/v1/api-tenant-users', { key: generateToken('tak_') });
      expect(lookup).toHaveBeenCalledTimes(1);
    } finally {
      lookup.mockRestore();
    }
  });

  it('accepts a lower-case bearer scheme, and answers unknown /v1 routes with the envelope', async () => {
    expect((await h.call('GET', '/v1/api-tenant-account', { headers: { Authorization: `bearer ${good}` } })).status).toBe(200);
    const missing = await h.call('GET', '/v1/api-tenant-nothing', { key: good });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: 'NOT_FOUND' });
  });
});

describe('per-key rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After past the limit, and recovers in the next minute', async () => {
    const limited = await startHarness({ settings: { apiRateLimitPerMinute: 3 } });
    try {
      const t = await limited.createTenant('Busy Tenant');
      const { key } = await limited.createKey(t.tenantId, ['read:account']);
      limited.clock.set(Math.ceil(limited.clock.now().getTime() / 60_000) * 60_000);
      for (let i = 0; i < 3; i++) expect((await limited.call('GET', '/v1/api-tenant-account', { key })).status).toBe(200);
      const res = await limited.call('GET', '/v1/api-tenant-account', { key });
      expect(res.status).toBe(429);
      expect(res.body.error).toBe('RATE_LIMITED');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      const other = (await limited.createKey(t.tenantId, ['read:account'])).key;
      expect((await limited.call('GET', '/v1/api-tenant-account', { key: other })).status).toBe(200);
      limited.clock.advance(60_000);
      expect((await limited.call('GET', '/v1/api-tenant-account', { key })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
