/**
 * What an authenticated request costs the database, counted at the driver: key authentication (with
 * the tenant check) is one query and a list is one more (its total comes with the page). The per-key
 * rate limit is counted in process, so it adds no query.
 */
import type { RateLimiter } from '@platform/kit';
import { countQueries, type QueryCounter } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TrainArHarness } from './testing/harness';

let h: TrainArHarness;
let counter: QueryCounter;
let key: string;
beforeAll(async () => {
  h = await startHarness({ settings: { apiRateLimitPerMinute: 600 } });
  const tenant = await h.createTenant();
  for (let i = 0; i < 3; i++) await h.invite(tenant.tenantId);
  key = (await h.createKey(tenant.tenantId, ['read:users'])).key;
  counter = countQueries(h.database);
});
afterAll(async () => {
  counter?.restore();
  await h?.close();
});

/** A first request (last_used_at, the rate-limit window's shared total), then counts start from a flushed limiter. */
async function warm() {
  await h.call('GET', '/v1/api-tenant-users', { key });
  await (h.app.extra.limiter as RateLimiter).flush();
  counter.reset();
}

describe('queries per request', () => {
  it('GET /v1/api-tenant-users costs two queries once the key is warm: authentication and the page with its total', async () => {
    await warm();
    const res = await h.call('GET', '/v1/api-tenant-users', { key, query: { limit: 2 } });
    expect(res.status).toBe(200);
    expect(res.body.users).toHaveLength(2);
    expect(res.body.total).toBe(4);
    expect(counter.statements).toHaveLength(2);
  });

  it('a page past the end still reports the total (one more query, only then)', async () => {
    await warm();
    const res = await h.call('GET', '/v1/api-tenant-users', { key, query: { limit: 2, offset: 10 } });
    expect(res.body).toMatchObject({ users: [], total: 4, offset: 10 });
    expect(counter.statements).toHaveLength(3);
  });
});
