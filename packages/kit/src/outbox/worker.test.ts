import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { readEvents, waitForEventHorizon } from './events';
import { testMigrations } from './fixtures/fixture-migrations';
import { enqueueJob, getJob, listJobAttempts } from './jobs';
import { createWorker, LeaseLostError, type Worker, type WorkerOptions } from './worker';

let t: TestDatabase;
let clock: ManualClock;
const started: Worker[] = [];
const leaseMs = 10_000;

beforeAll(async () => {
  t = await createTestDatabase(testMigrations);
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((w) => w.stop()));
  // Each test starts from an empty queue.
  await sql`DELETE FROM jobs`.execute(t.db);
});
afterAll(async () => {
  await t?.close();
});

function worker(options: Partial<WorkerOptions> & Pick<WorkerOptions, 'handlers'>): Worker {
  return createWorker({ db: t.db, clock, leaseMs, pollIntervalMs: 10, batchSize: 5, backoff: { baseMs: 1000, maxMs: 60_000, jitter: 'equal' }, ...options });
}

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(10);
  }
}

describe('retries', () => {
  it('retries a failing job with growing, jittered delays on the injected clock, then succeeds', async () => {
    clock = new ManualClock('2026-03-01T10:00:00Z');
    let calls = 0;
    const w = worker({
      handlers: {
        flaky: async () => {
          calls++;
          if (calls <= 2) throw new Error(`upstream said 503 (call ${calls})`);
        },
      },
    });
    const id = await enqueueJob(t.db, { kind: 'flaky' }, clock);
    const gaps: number[] = [];
    for (const expected of ['failed', 'failed', 'succeeded'] as const) {
      const job = (await getJob(t.db, id))!;
      if (job.attempts > 0) {
        gaps.push(job.runAt.getTime() - clock.now().getTime());
        clock.set(job.runAt.getTime() - 1);
        expect((await w.runOnce()).claimed).toBe(0); // not due yet
        clock.set(job.runAt);
      }
      expect((await w.runOnce())[expected]).toBe(1);
    }
    // Equal jitter: failed attempt n waits within [1000 * 2^(n-1) / 2, 1000 * 2^(n-1)].
    expect(gaps[0]).toBeGreaterThanOrEqual(500);
    expect(gaps[0]).toBeLessThanOrEqual(1000);
    expect(gaps[1]).toBeGreaterThanOrEqual(1000);
    expect(gaps[1]).toBeLessThanOrEqual(2000);
    expect(gaps[1]).toBeGreaterThanOrEqual(gaps[0]);

    const job = (await getJob(t.db, id))!;
    expect(job).toMatchObject({ status: 'done', attempts: 3, leaseExpiresAt: null, finishedAt: clock.now() });
    const attempts = await listJobAttempts(t.db, id);
    expect(attempts.map((a) => [a.attempt, a.outcome, a.error])).toEqual([
      [1, 'failed', 'upstream said 503 (call 1)'],
      [2, 'failed', 'upstream said 503 (call 2)'],
      [3, 'succeeded', null],
    ]);
    expect(attempts.every((a) => a.worker === w.id && a.finishedAt)).toBe(true);
  });

  it('marks a job dead after max_attempts and never runs it again', async () => {
    clock = new ManualClock('2026-03-01T10:00:00Z');
    const w = worker({
      handlers: {
        broken: async () => {
          throw new TypeError('payload.to is undefined');
        },
      },
    });
    const id = await enqueueJob(t.db, { kind: 'broken', maxAttempts: 2 }, clock);
    expect(await w.runOnce()).toMatchObject({ claimed: 1, failed: 1, dead: 0 });
    clock.advance(60_000);
    expect(await w.runOnce()).toMatchObject({ claimed: 1, failed: 0, dead: 1 });
    const diedAt = clock.now();
    clock.advance(3_600_000);
    expect((await w.runOnce()).claimed).toBe(0);
    expect(await getJob(t.db, id)).toMatchObject({ status: 'dead', attempts: 2, lastError: 'TypeError: payload.to is undefined', finishedAt: diedAt });
    expect((await listJobAttempts(t.db, id)).map((a) => a.outcome)).toEqual(['failed', 'failed']);
  });

  it('an unknown kind is left for a worker that knows it, or failed with a clear error when claimed', async () => {
    clock = new ManualClock('2026-03-01T10:00:00Z');
    const id = await enqueueJob(t.db, { kind: 'report.render', maxAttempts: 1 }, clock);
    const knowsOthers = worker({ handlers: { other: async () => {} } });
    expect((await knowsOthers.runOnce()).claimed).toBe(0);
    expect((await getJob(t.db, id))?.status).toBe('pending');

    const claimsAll = worker({ handlers: { other: async () => {} }, claimUnknownKinds: true, workerId: 'w-all' });
    expect(await claimsAll.runOnce()).toMatchObject({ claimed: 1, dead: 1 });
    const job = (await getJob(t.db, id))!;
    expect(job.status).toBe('dead');
    expect(job.lastError).toBe('UnknownJobKindError: No handler registered for job kind "report.render" on worker w-all');
  });
});

describe('leases and fencing', () => {
  it('a worker whose lease expired cannot overwrite the job after another worker took it over', async () => {
    clock = new ManualClock('2026-03-01T10:00:00Z');
    const stale = { ok: deferred(), throws: deferred() };
    // No heartbeat within the test: this worker behaves like one that stalled (GC pause, lost network).
    const a = worker({
      workerId: 'worker-a',
      heartbeatMs: 3_600_000,
      handlers: { ok: async () => stale.ok.promise, throws: async () => stale.throws.promise },
    });
    const b = worker({ workerId: 'worker-b', handlers: { ok: async () => {}, throws: async () => {} } });
    const okId = await enqueueJob(t.db, { kind: 'ok' }, clock);
    const throwsId = await enqueueJob(t.db, { kind: 'throws' }, clock);
    const aRun = a.runOnce();
    await until('worker-a to claim both', () => getJob(t.db, throwsId), (j) => j?.status === 'running');

    clock.advance(leaseMs - 1);
    expect((await b.runOnce()).claimed).toBe(0); // lease still valid
    clock.advance(1);
    expect(await b.runOnce()).toMatchObject({ claimed: 2, recovered: 2, succeeded: 2 });

    stale.ok.resolve();
    stale.throws.reject(new Error('stale failure'));
    expect(await aRun).toMatchObject({ claimed: 2, succeeded: 0, failed: 0, leaseLost: 2 });
    for (const id of [okId, throwsId]) {
      expect(await getJob(t.db, id)).toMatchObject({ status: 'done', attempts: 2, leaseOwner: 'worker-b', lastError: null });
      const attempts = await listJobAttempts(t.db, id);
      expect(attempts.map((x) => [x.attempt, x.worker, x.outcome])).toEqual([
        [1, 'worker-a', 'lease_lost'],
        [2, 'worker-b', 'succeeded'],
      ]);
    }
  });

  it('heartbeats keep a long job leased; a lost lease aborts ctx.signal', async () => {
    clock = new ManualClock('2026-03-01T10:00:00Z');
    const shortLease = 300; // heartbeat every 100 ms of real time, lease measured on the manual clock
    let seenReason: unknown;
    const a = worker({
      workerId: 'worker-a',
      leaseMs: shortLease,
      handlers: {
        long: async (_job, ctx) => {
          await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
          seenReason = ctx.signal.reason;
          throw ctx.signal.reason;
        },
      },
    });
    const b = worker({ workerId: 'worker-b', leaseMs: shortLease, handlers: { long: async () => {} } });
    const id = await enqueueJob(t.db, { kind: 'long' }, clock);
    const aRun = a.runOnce();
    await until('worker-a to claim', () => getJob(t.db, id), (j) => j?.status === 'running');
    for (let i = 0; i < 5; i++) {
      clock.advance(shortLease - 100);
      const renewedUntil = clock.now().getTime() + shortLease;
      await until('a renewal', () => getJob(t.db, id), (j) => j?.leaseExpiresAt?.getTime() === renewedUntil, 2000);
      expect((await b.runOnce()).claimed).toBe(0);
    }
    // Another worker takes the job (as if worker-a's lease had run out): the next heartbeat notices.
    await sql`UPDATE jobs SET lease_owner = 'worker-c', attempts = attempts + 1 WHERE id = ${id}`.execute(t.db);
    expect(await aRun).toMatchObject({ leaseLost: 1, failed: 0 });
    expect(seenReason).toBeInstanceOf(LeaseLostError);
    expect(await getJob(t.db, id)).toMatchObject({ status: 'running', leaseOwner: 'worker-c' });
    expect((await listJobAttempts(t.db, id))[0]).toMatchObject({ worker: 'worker-a', outcome: 'lease_lost' });
  }, 15_000);

  it('a job whose worker died during its final attempt is marked dead, not run again', async () => {
    clock = new ManualClock('2026-03-01T10:00:00Z');
    const hang = deferred();
    const a = worker({ workerId: 'worker-a', heartbeatMs: 3_600_000, handlers: { poison: async () => hang.promise } });
    const b = worker({ workerId: 'worker-b', handlers: { poison: async () => {} } });
    const id = await enqueueJob(t.db, { kind: 'poison', maxAttempts: 1 }, clock);
    const aRun = a.runOnce();
    await until('worker-a to claim', () => getJob(t.db, id), (j) => j?.status === 'running');
    clock.advance(leaseMs);
    expect(await b.runOnce()).toMatchObject({ claimed: 0, dead: 1 });
    hang.resolve();
    expect(await aRun).toMatchObject({ leaseLost: 1 });
    const job = (await getJob(t.db, id))!;
    expect(job).toMatchObject({ status: 'dead', attempts: 1 });
    expect(job.lastError).toMatch(/lease expired during the final attempt \(worker worker-a stopped\)/);
    expect((await listJobAttempts(t.db, id)).map((x) => x.outcome)).toEqual(['lease_lost']);
  });

  it('completeIn commits the handler effects and the completion together, or neither', async () => {
    clock = new ManualClock('2026-03-01T10:00:00Z');
    const w = worker({
      handlers: {
        pay: async (job: { id: number; payload: { steal?: boolean } }, ctx) => {
          await t.db.transaction().execute(async (trx) => {
            await sql`INSERT INTO outbox_events (type, payload, created_at) VALUES ('payout.sent', ${JSON.stringify({ job: job.id })}::jsonb, ${ctx.clock.now()})`.execute(trx);
            if (job.payload.steal) await sql`UPDATE jobs SET lease_owner = 'thief' WHERE id = ${job.id}`.execute(trx);
            await ctx.completeIn(trx);
          });
        },
      },
    });
    const good = await enqueueJob(t.db, { kind: 'pay', payload: {} }, clock);
    const stolen = await enqueueJob(t.db, { kind: 'pay', payload: { steal: true } }, clock);
    expect(await w.runOnce()).toMatchObject({ claimed: 2, succeeded: 1, failed: 1 });
    await waitForEventHorizon(t.db);
    const payouts = (await readEvents(t.db, { types: ['payout.sent'], limit: 1000 })).events.map((e) => (e.payload as { job: number }).job);
    expect(payouts).toContain(good);
    expect(payouts).not.toContain(stolen);
    expect(await getJob(t.db, good)).toMatchObject({ status: 'done' });
    expect((await getJob(t.db, stolen))?.lastError).toMatch(/^LeaseLostError: /);
  });
});

describe('start / stop', () => {
  it('the poll loop drains the queue and stop() waits for the running handler', async () => {
    clock = new ManualClock('2026-03-01T10:00:00Z');
    const finished: number[] = [];
    const w = worker({
      batchSize: 3,
      handlers: {
        work: async (job) => {
          await sleep(job.payload === 'slow' ? 300 : 5);
          finished.push(job.id);
        },
      },
    });
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) ids.push(await enqueueJob(t.db, { kind: 'work', payload: i }, clock));
    w.start();
    started.push(w);
    await until('the queue to drain', () => Promise.resolve(finished.length), (n) => n === 10);
    const slow = await enqueueJob(t.db, { kind: 'work', payload: 'slow' }, clock);
    w.wake();
    await until('the slow job to start', () => getJob(t.db, slow), (j) => j?.status === 'running');
    await w.stop();
    expect(finished).toContain(slow);
    expect(await getJob(t.db, slow)).toMatchObject({ status: 'done' });
    expect(w.counts).toMatchObject({ claimed: 11, succeeded: 11 });
    await expect(w.runOnce()).resolves.toMatchObject({ claimed: 0 });
  });
});
