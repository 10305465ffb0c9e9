import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import type { ApiError } from '../errors/api-error';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { RateLimiter, rateLimitMigrations } from './rate-limiter';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(rateLimitMigrations);
});
afterAll(async () => database?.close());

describe('RateLimiter', () => {
  it('allows the limit, refuses the next with retryAfterSeconds, and resets in the next window', async () => {
    const clock = new ManualClock('2026-05-01T10:00:10Z');
    const limiter = new RateLimiter(database.db, clock);
    for (let i = 0; i < 3; i++) expect((await limiter.hit('ip:1', 3, 60)).allowed).toBe(true);
    const refused = await limiter.hit('ip:1', 3, 60);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 50 });
    await expect(limiter.enforce('ip:1', 3, 60)).rejects.toMatchObject({ status: 429, details: { retryAfterSeconds: 50 } } satisfies Partial<ApiError>);
    expect((await limiter.hit('ip:2', 3, 60)).allowed).toBe(true);
    clock.advance(50_000);
    expect((await limiter.hit('ip:1', 3, 60)).allowed).toBe(true);
  });
});
