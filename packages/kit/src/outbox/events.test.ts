import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../testing/test-database';
import { emitEvent, readEvents, waitForEventHorizon } from './events';
import { testMigrations } from './fixtures/fixture-migrations';
import { enqueueJob, getJob } from './jobs';

let t: TestDatabase;
const clock = new ManualClock('2026-03-01T10:00:00Z');
const count = async (table: string) =>
  Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0].n);

beforeAll(async () => {
  t = await createTestDatabase(testMigrations);
});
afterAll(async () => {
  await t?.close();
});

describe('emitEvent / enqueueJob join the caller transaction', () => {
  it('a rolled-back transaction leaves no event and no job; a committed one leaves both', async () => {
    const before = { events: await count('outbox_events'), jobs: await count('jobs') };
    await expect(
      t.db.transaction().execute(async (trx) => {
        await emitEvent(trx, { type: 'order.created', scope: 'acct_1', payload: { n: 1 } }, clock);
        await enqueueJob(trx, { kind: 'mail.send', payload: { to: 'a@example.com' } }, clock);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await count('outbox_events')).toBe(before.events);
    expect(await count('jobs')).toBe(before.jobs);

    const ids = await t.db.transaction().execute(async (trx) => ({
      event: await emitEvent(trx, { type: 'order.created', scope: 'acct_1', payload: { n: 2, tags: ['a', 'b'] } }, clock),
      job: await enqueueJob(trx, { kind: 'mail.send', payload: ['x', 1] }, clock),
    }));
    await waitForEventHorizon(t.db);
    const page = await readEvents(t.db, { scope: 'acct_1' });
    expect(page.events.map((e) => e.id)).toEqual([ids.event]);
    expect(page.events[0]).toMatchObject({ type: 'order.created', scope: 'acct_1', payload: { n: 2, tags: ['a', 'b'] }, createdAt: clock.now() });
    const job = await getJob(t.db, ids.job);
    expect(job).toMatchObject({ kind: 'mail.send', payload: ['x', 1], status: 'pending', attempts: 0, maxAttempts: 10, runAt: clock.now() });
  });

  it('a dedupe key inserts once and returns the existing id, also across transactions', async () => {
    const first = await enqueueJob(t.db, { kind: 'invoice.send', dedupeKey: 'invoice-42' }, clock);
    const again = await t.db.transaction().execute((trx) => enqueueJob(trx, { kind: 'invoice.send', dedupeKey: 'invoice-42', payload: { other: true } }, clock));
    expect(again).toBe(first);
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM jobs WHERE dedupe_key = 'invoice-42'`.execute(t.db);
    expect(rows.rows[0].n).toBe(1);
    expect((await getJob(t.db, first))?.payload).toEqual({});
  });

  it('rejects bad input before touching the database', async () => {
    await expect(enqueueJob(t.db, { kind: '' })).rejects.toThrow(/kind/);
    await expect(enqueueJob(t.db, { kind: 'x', maxAttempts: 0 })).rejects.toThrow(/maxAttempts/);
    await expect(emitEvent(t.db, { type: '' })).rejects.toThrow(/type/);
    await expect(readEvents(t.db, { after: 'not-a-position' })).rejects.toThrow(/position/);
  });
});

describe('readEvents', () => {
  it('pages by position with scope and type filters, without repeats or gaps', async () => {
    const emitted: number[] = [];
    for (let i = 0; i < 7; i++) emitted.push(await emitEvent(t.db, { type: i % 2 ? 'b.odd' : 'b.even', scope: 'acct_page', payload: { i } }, clock));
    await waitForEventHorizon(t.db);
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof readEvents>> = await readEvents(t.db, { scope: 'acct_page', after, limit: 3 });
      if (page.events.length === 0) {
        expect(page.position).toBe(after);
        break;
      }
      seen.push(...page.events.map((e) => e.id));
      after = page.position;
    }
    expect(seen).toEqual(emitted);
    const odd = await readEvents(t.db, { scope: 'acct_page', types: ['b.odd'] });
    expect(odd.events.map((e) => (e.payload as { i: number }).i)).toEqual([1, 3, 5]);
    expect((await readEvents(t.db, { scope: 'acct_page', types: [] })).events).toEqual([]);
  });

  it('events are append-only', async () => {
    const id = await emitEvent(t.db, { type: 'x.y' }, clock);
    await expect(sql`UPDATE outbox_events SET type = 'changed' WHERE id = ${id}`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it.skipIf(!testDatabaseUrl())('never passes an event that commits later with a smaller id (PostgreSQL)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let slowId = 0;
    let emittedSlow!: () => void;
    const slowEmitted = new Promise<void>((resolve) => {
      emittedSlow = resolve;
    });
    await waitForEventHorizon(t.db);
    const start = (await readEvents(t.db, { limit: 1000 })).position;
    const slow = t.db.transaction().execute(async (trx) => {
      slowId = await emitEvent(trx, { type: 'race.slow', scope: 'race' }, clock);
      emittedSlow();
      await gate;
    });
    await slowEmitted;
    const fastId = await emitEvent(t.db, { type: 'race.fast', scope: 'race' }, clock);
    expect(fastId).toBeGreaterThan(slowId);
    // The fast event is committed, but handing it out now would move the reader past the slow one.
    expect((await readEvents(t.db, { after: start, limit: 1000 })).events).toEqual([]);
    release();
    await slow;
    await waitForEventHorizon(t.db);
    const page = await readEvents(t.db, { after: start, limit: 1000 });
    expect(page.events.map((e) => e.id)).toEqual([slowId, fastId]);
  });
});
