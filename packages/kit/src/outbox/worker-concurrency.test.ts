/**
 * Two workers share one queue: every job runs exactly once and no job is ever held by both.
 * On PostgreSQL the workers are separate processes (and, in-process, separate pools); on PGlite
 * they are two workers on the one instance, whose claims must still never overlap.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AnyDb, Database } from '../db/database';
import { openDatabase } from '../db/database';
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../testing/test-database';
import { testMigrations } from './fixtures/fixture-migrations';
import { spawnWorker, type WorkerProcess } from './fixtures/spawn-worker';
import { testHandlers } from './fixtures/test-handlers';
import { enqueueJob } from './jobs';
import { createWorker } from './worker';

const onPostgres = Boolean(testDatabaseUrl());
const JOBS = 200;

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase(testMigrations);
});
afterEach(async () => {
  await t?.close();
});

async function enqueueLoad(db: AnyDb): Promise<number[]> {
  return db.transaction().execute(async (trx) => {
    const ids: number[] = [];
    for (let i = 0; i < JOBS; i++) ids.push(await enqueueJob(trx, { kind: 'test.load', payload: { sleepMs: 1 + (i % 5) } }));
    return ids;
  });
}

async function waitUntilDrained(db: AnyDb, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM jobs WHERE status <> 'done'`.execute(db);
    if (rows[0].n === 0) return;
    if (Date.now() > end) throw new Error(`${rows[0].n} jobs still not done after ${timeoutMs} ms`);
    await sleep(50);
  }
}

async function expectEachJobRanOnce(db: AnyDb, ids: number[], workers: string[]): Promise<void> {
  const jobs = await sql<{ n: number; max_attempts: number }>`
    SELECT count(*)::int AS n, max(attempts) AS max_attempts FROM jobs WHERE status = 'done'`.execute(db);
  expect(jobs.rows[0]).toEqual({ n: ids.length, max_attempts: 1 });
  const attempts = await sql<{ outcome: string; n: number }>`
    SELECT outcome, count(*)::int AS n FROM job_attempts GROUP BY outcome`.execute(db);
  expect(attempts.rows).toEqual([{ outcome: 'succeeded', n: ids.length }]);
  const runs = await sql<{ job_id: unknown; worker: string; finished: boolean }>`
    SELECT job_id, worker, finished_at IS NOT NULL AS finished FROM outbox_test_runs ORDER BY job_id`.execute(db);
  expect(runs.rows.map((r) => Number(r.job_id))).toEqual(ids);
  expect(runs.rows.every((r) => r.finished)).toBe(true);
  // No two runs of one job overlap in time (there is only one run each, but a bug would show here).
  const overlaps = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM outbox_test_runs a JOIN outbox_test_runs b
      ON a.job_id = b.job_id AND a.id < b.id AND a.started_at < b.finished_at AND b.started_at < a.finished_at`.execute(db);
  expect(overlaps.rows[0].n).toBe(0);
  // Both workers took part, so the claims really did compete.
  const share = new Map<string, number>();
  for (const r of runs.rows) share.set(r.worker, (share.get(r.worker) ?? 0) + 1);
  expect([...share.keys()].sort()).toEqual([...workers].sort());
}

it.skipIf(!onPostgres)('two worker processes on one PostgreSQL never run a job twice', async () => {
  const env = (worker: string) => ({ OUTBOX_WORKER_ID: worker, OUTBOX_DATABASE_URL: t.url!, OUTBOX_LEASE_MS: '10000', OUTBOX_POLL_MS: '20', OUTBOX_BATCH: '4' });
  const children: WorkerProcess[] = await Promise.all([spawnWorker(env('proc-1')), spawnWorker(env('proc-2'))]);
  try {
    await Promise.all(children.map((c) => c.waitFor((l) => l.event === 'ready', 'worker ready')));
    const ids = await enqueueLoad(t.db);
    await waitUntilDrained(t.db);
    for (const c of children) expect(await c.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    await expectEachJobRanOnce(t.db, ids, ['proc-1', 'proc-2']);
  } finally {
    await Promise.all(children.map((c) => c.kill('SIGKILL')));
  }
}, 60_000);

it(`two workers in one process share a queue (${onPostgres ? 'PostgreSQL, separate pools' : 'PGlite, one instance'})`, async () => {
  const second: Database = onPostgres ? await openDatabase({ url: t.url, poolSize: 5 }) : t;
  const workers = [
    createWorker({ db: t.db, handlers: testHandlers(t.db), workerId: 'in-1', pollIntervalMs: 10, batchSize: 4 }),
    createWorker({ db: second.db, handlers: testHandlers(second.db), workerId: 'in-2', pollIntervalMs: 10, batchSize: 4 }),
  ];
  try {
    for (const w of workers) w.start();
    const ids = await enqueueLoad(t.db);
    for (const w of workers) w.wake();
    await waitUntilDrained(t.db);
    await Promise.all(workers.map((w) => w.stop()));
    await expectEachJobRanOnce(t.db, ids, ['in-1', 'in-2']);
    expect(workers[0].counts.claimed + workers[1].counts.claimed).toBe(JOBS);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    if (second !== t) await second.close();
  }
}, 60_000);
