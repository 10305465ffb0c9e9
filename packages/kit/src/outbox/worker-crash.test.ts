/**
 * Fault test: a worker process is SIGKILLed in the middle of a job. After its lease expires another
 * worker process takes the job over and completes it; nothing committed is lost, nothing runs twice
 * to completion. On PGlite the processes take turns on one data directory (PGlite admits one
 * process at a time), which also proves PGlite recovers a directory whose owner was killed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/database';
import { createTestDatabase, testDatabaseUrl } from '../testing/test-database';
import { emitEvent, readEvents, waitForEventHorizon } from './events';
import { testMigrations } from './fixtures/fixture-migrations';
import { spawnWorker, type WorkerProcess } from './fixtures/spawn-worker';
import { enqueueJob, getJob, listJobAttempts } from './jobs';

const onPostgres = Boolean(testDatabaseUrl());
const LEASE_MS = 1500;
const QUICK_JOBS = 4;

interface RunRow {
  job_id: unknown;
  attempt: number;
  worker: string;
  finished_at: Date | null;
}

it(`a worker killed mid-job loses nothing and the job completes exactly once (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, async () => {
  const template = await createTestDatabase(testMigrations, { ownInstance: true });
  const children: WorkerProcess[] = [];
  let dataDir: string | undefined;
  let database: Database = template;
  const reopen = async () => {
    database = await openDatabase({ dataDir });
    return database.db;
  };
  try {
    if (!onPostgres) {
      const dump = await template.pglite!.dumpDataDir('gzip');
      await template.close();
      dataDir = join(mkdtempSync(join(tmpdir(), 'outbox-crash-')), 'pgdata');
      database = await openDatabase({ pglite: await PGlite.create({ dataDir, loadDataDir: dump }) });
    }
    const { quickIds, faultId } = await database.db.transaction().execute(async (trx) => {
      const ids: number[] = [];
      for (let i = 0; i < QUICK_JOBS; i++) ids.push(await enqueueJob(trx, { kind: 'test.quick', payload: { i } }));
      const fault = await enqueueJob(trx, { kind: 'test.fault', payload: { completeOnAttempt: 2 } });
      await emitEvent(trx, { type: 'test.batch.created', payload: { jobs: [...ids, fault] } });
      return { quickIds: ids, faultId: fault };
    });
    const env = (worker: string) => ({
      OUTBOX_WORKER_ID: worker,
      OUTBOX_LEASE_MS: String(LEASE_MS),
      OUTBOX_POLL_MS: '50',
      OUTBOX_BATCH: '2',
      ...(onPostgres ? { OUTBOX_DATABASE_URL: template.url! } : { OUTBOX_DATA_DIR: dataDir! }),
    });
    if (!onPostgres) await database.close(); // hand the directory over to the child

    const a = await spawnWorker(env('worker-a'));
    children.push(a);
    await a.waitFor((l) => l.event === 'started' && l.jobId === faultId, 'worker-a to start the fault job');
    for (const id of quickIds) await a.waitFor((l) => l.event === 'completed' && l.jobId === id, `worker-a to complete job ${id}`);

    let b: WorkerProcess | undefined;
    if (onPostgres) {
      b = await spawnWorker(env('worker-b'));
      children.push(b);
      await b.waitFor((l) => l.event === 'ready', 'worker-b to start');
      // While worker-a lives its heartbeats hold the lease, however long the job takes.
      await sleep(LEASE_MS * 2);
      expect(b.lines.filter((l) => l.event === 'started')).toEqual([]);
      expect((await getJob(database.db, faultId))?.attempts).toBe(1);
    }

    expect(await a.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

    if (!onPostgres) {
      // The killed process held the directory: PGlite must recover it (WAL replay) with every commit.
      const db = await reopen();
      expect(await getJob(db, faultId)).toMatchObject({ status: 'running', attempts: 1, leaseOwner: 'worker-a' });
      expect((await listJobAttempts(db, faultId)).map((x) => [x.worker, x.outcome])).toEqual([['worker-a', null]]);
      await waitForEventHorizon(db);
      const quickDone = await readEvents(db, { types: ['test.quick.done'], limit: 100 });
      expect(quickDone.events).toHaveLength(QUICK_JOBS);
      await database.close();
      b = await spawnWorker(env('worker-b'));
      children.push(b);
    }

    const done = await b!.waitFor((l) => l.event === 'completed' && l.jobId === faultId, 'worker-b to complete the fault job');
    expect(done).toMatchObject({ worker: 'worker-b', attempt: 2 });
    expect(await b!.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    const db = onPostgres ? database.db : await reopen();

    // Every job is done; the fault job took two attempts, the first lost with its killed worker.
    const jobs = await sql<{ id: unknown; status: string; attempts: number }>`SELECT id, status, attempts FROM jobs ORDER BY id`.execute(db);
    expect(jobs.rows.map((j) => [Number(j.id), j.status])).toEqual([...quickIds, faultId].map((id) => [id, 'done']));
    expect(await getJob(db, faultId)).toMatchObject({ status: 'done', attempts: 2, leaseOwner: 'worker-b' });
    expect((await listJobAttempts(db, faultId)).map((x) => [x.attempt, x.worker, x.outcome])).toEqual([
      [1, 'worker-a', 'lease_lost'],
      [2, 'worker-b', 'succeeded'],
    ]);
    // The handler started twice (once per attempt) but ran to completion exactly once.
    const runs = await sql<RunRow>`SELECT job_id, attempt, worker, finished_at FROM outbox_test_runs WHERE job_id = ${faultId} ORDER BY attempt`.execute(db);
    expect(runs.rows.map((r) => [r.attempt, r.worker, r.finished_at !== null])).toEqual([
      [1, 'worker-a', false],
      [2, 'worker-b', true],
    ]);
    // No event lost or duplicated: the enqueueing transaction's event, one per quick job, one for the fault job.
    await waitForEventHorizon(db);
    const events = (await readEvents<{ jobId?: number }>(db, { limit: 1000 })).events;
    expect(events.filter((e) => e.type === 'test.batch.created')).toHaveLength(1);
    // Two jobs run at once (batch 2): each completes exactly once, in whichever order they commit.
    expect(events.filter((e) => e.type === 'test.quick.done').map((e) => e.payload.jobId).sort((x, y) => Number(x) - Number(y))).toEqual(quickIds);
    expect(events.filter((e) => e.type === 'test.fault.done').map((e) => e.payload.jobId)).toEqual([faultId]);
  } finally {
    await Promise.all(children.map((c) => c.kill('SIGKILL')));
    await database.close().catch(() => {});
    if (onPostgres) await template.close();
    else await template.close().catch(() => {});
    if (dataDir) rmSync(join(dataDir, '..'), { recursive: true, force: true });
  }
}, 90_000);
