import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import type { ApiError } from '../errors/api-error';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { countQueries } from '../testing/query-counter';
import { flushAfterHits, RateLimiter, rateLimitMigrations, sharedCheckThreshold } from './rate-limiter';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(rateLimitMigrations);
});
afterAll(async () => database?.close());

/** The shared count and the row's version (xmin changes on every write). */
async function stored(bucket: string): Promise<{ hits: number; version: string } | null> {
  const { rows } = await sql<{ hits: number; version: string }>`select hits, xmin::text as version from rate_limit_counters where bucket = ${bucket}`.execute(database.db);
  return rows[0] ? { hits: Number(rows[0].hits), version: rows[0].version } : null;
}

/** Never flushes on its own: the tests flush when they mean to. */
const manualFlush = { flushIntervalMs: 3600_000 };

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
    await limiter.close();
  });

  it('on one instance admits exactly the limit; below the shared-check threshold it writes one batched upsert per 5 % of the limit, not one per hit', async () => {
    const clock = new ManualClock('2026-05-01T11:00:00Z');
    const limiter = new RateLimiter(database.db, clock, manualFlush);
    const limit = 100;
    const threshold = sharedCheckThreshold(limit);
    expect(threshold).toBe(80);
    expect(flushAfterHits(limit)).toBe(10);
    const counter = countQueries(database);
    try {
      for (let i = 0; i < threshold; i++) expect((await limiter.hit('tok:exact', limit, 60)).allowed).toBe(true);
      await limiter.flush();
      const upserts = counter.statements.filter((s) => s.includes('insert into rate_limit_counters'));
      expect(upserts.length).toBeGreaterThan(0);
      expect(upserts.length).toBeLessThanOrEqual(threshold / flushAfterHits(limit));
    } finally {
      counter.restore();
    }
    expect((await stored('tok:exact'))?.hits).toBe(threshold);
    const results = [];
    for (let i = 0; i < 50; i++) results.push(await limiter.hit('tok:exact', limit, 60));
    expect(results.filter((r) => r.allowed)).toHaveLength(limit - threshold);
    expect(results.at(limit - threshold - 1)).toMatchObject({ allowed: true, remaining: 0 });
    expect(results.at(limit - threshold)).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
    await limiter.close();
  });

  it('answers a 429 without writing to the database', async () => {
    const clock = new ManualClock('2026-05-01T12:00:00Z');
    const limiter = new RateLimiter(database.db, clock, manualFlush);
    for (let i = 0; i < 5; i++) await limiter.hit('ip:full', 5, 60);
    expect((await limiter.hit('ip:full', 5, 60)).allowed).toBe(false);
    const before = await stored('ip:full');
    expect(before?.hits).toBe(5);
    for (let i = 0; i < 20; i++) expect((await limiter.hit('ip:full', 5, 60)).allowed).toBe(false);
    // Another instance that never saw the bucket: its refusal is a skipped update, not a write.
    const other = new RateLimiter(database.db, clock, manualFlush);
    expect((await other.hit('ip:full', 5, 60)).allowed).toBe(false);
    expect(await stored('ip:full')).toEqual(before);
    await Promise.all([limiter.close(), other.close()]);
  });

  it('two instances taking a burst at once, with no timer flush, see each other within a few early flushes', async () => {
    const clock = new ManualClock('2026-05-01T12:30:00Z');
    const a = new RateLimiter(database.db, clock, manualFlush);
    const b = new RateLimiter(database.db, clock, manualFlush);
    const limit = 300;
    let admitted = 0;
    // Concurrent pairs, as two busy instances would take them.
    for (let i = 0; i < 225; i++) {
      const answers = await Promise.all([a.hit('tok:burst', limit, 60), b.hit('tok:burst', limit, 60)]);
      admitted += answers.filter((r) => r.allowed).length;
    }
    expect(admitted).toBeGreaterThanOrEqual(limit);
    // Without the early flush each would admit its whole threshold (240) on its own view: 450 of 450.
    expect(admitted).toBeLessThanOrEqual(limit + 3 * flushAfterHits(limit));
    await Promise.all([a.close(), b.close()]);
    expect((await stored('tok:burst'))?.hits).toBe(admitted);
  });

  it('two instances on one database share the limit within one flush interval of each other', async () => {
    const clock = new ManualClock('2026-05-01T13:00:00Z');
    const a = new RateLimiter(database.db, clock, manualFlush);
    const b = new RateLimiter(database.db, clock, manualFlush);
    const limit = 100;
    const flushEvery = 5; // hits per instance between flushes: the tolerance documented for this traffic
    let admitted = 0;
    for (let i = 0; i < 300; i++) {
      const limiter = i % 2 === 0 ? a : b;
      if ((await limiter.hit('tok:shared', limit, 60)).allowed) admitted++;
      if (i % (2 * flushEvery) === 2 * flushEvery - 1) await Promise.all([a.flush(), b.flush()]);
    }
    expect(admitted).toBeGreaterThanOrEqual(limit);
    expect(admitted).toBeLessThanOrEqual(limit + flushEvery);
    await Promise.all([a.close(), b.close()]);
    expect((await stored('tok:shared'))?.hits).toBe(admitted);
  });

  it('flushes in-process counts on its own, so another instance sees them', async () => {
    const clock = new ManualClock('2026-05-01T14:00:00Z');
    const a = new RateLimiter(database.db, clock, { flushIntervalMs: 20 });
    const b = new RateLimiter(database.db, clock, manualFlush);
    for (let i = 0; i < 60; i++) await a.hit('ip:timer', 100, 60);
    await expect.poll(async () => (await stored('ip:timer'))?.hits, { timeout: 2000 }).toBe(60);
    // b has seen none of a's hits, yet it refuses once the shared total reaches the limit.
    let admittedByB = 0;
    for (let i = 0; i < 100; i++) if ((await b.hit('ip:timer', 100, 60)).allowed) admittedByB++;
    expect(admittedByB).toBe(40);
    await Promise.all([a.close(), b.close()]);
  });
});
