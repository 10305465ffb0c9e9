/**
 * Every operation authenticates before anything else: no key, a malformed key, a well-formed key
 * nobody issued, a tampered key, a revoked key and a key of a disabled tenant all get 401
 * UNAUTHORIZED, even with invalid input. A malformed key is refused without a database lookup.
 */
import { generateToken } from '@platform/kit';
import { operations, SCOPES } from '@trainar/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ghostTarget, operationCases, startHarness, type TrainArHarness } from './testing/index';

let h: TrainArHarness;
let revoked: string;
let disabledTenantKey: string;
let good: string;

beforeAll(async () => {
  h = await startHarness();
  const t = await h.createTenant('Auth Checks');
  good = (await h.createKey(t.tenantId, SCOPES)).key;
  const r = await h.createKey(t.tenantId, SCOPES);
  await h.services.apiKeys.revoke(t.tenantId, r.id);
  revoked = r.key;
  const off = await h.createTenant('Disabled Tenant');
  disabledTenantKey = (await h.createKey(off.tenantId, SCOPES)).key;
  await h.services.tenants.setStatus(off.tenantId, 'disabled');
});
afterAll(() => h?.close());

const tampered = () => `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`;

describe('authentication on every operation', () => {
  it.each(operations.map((op) => [op.name, op] as const))('%s answers 401 UNAUTHORIZED to every bad credential', async (_name, op) => {
    const input = operationCases[op.name].input(ghostTarget());
    const credentials: Array<[string, string | null]> = [
      ['no key', null],
      ['malformed', 'tak_short'],
      ['not a TrainAR key', 'sk_live_0123456789abcdef0123456789abcdef'],
      ['unknown', generateToken('tak_')],
      ['tampered', tampered()],
      ['revoked', revoked],
      ['disabled tenant', disabledTenantKey],
    ];
    for (const [label, key] of credentials) {
      const res = await h.callOperation(op, input, key);
      expect(res.status, label).toBe(401);
      expect(res.body.error, label).toBe('UNAUTHORIZED');
      expect(typeof res.body.message).toBe('string');
    }
    // Authentication comes before validation: garbage input without a key is still a 401.
    const garbage = await h.callOperation(op, { limit: 'x', user_id: 'x', key_id: 'x', scopes: 'x', email: 1 }, null);
    expect(garbage.status).toBe(401);
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
