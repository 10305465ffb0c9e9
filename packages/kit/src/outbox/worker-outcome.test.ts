/**
 * What happens when the database fails at the worst moment for the queue: the handler did its
 * work but the outcome write fails (retried until it lands), or a claim's answer never arrived
 * (the job is handed back when the worker stops, not left leased until the lease expires).
 * Faults are real database errors, injected with a trigger, not a mock of the store.
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { testMigrations } from './fixtures/fixture-migrations';
import { claimJobs } from './job-store';
import { enqueueJob, getJob, listJobAttempts } from './jobs';
import { createWorker, type WorkerLogger } from './worker';

let t: TestDatabase;
const clock = new ManualClock('2026-03-01T10:00:00Z');

beforeAll(async () => {
  t = await createTestDatabase(testMigrations);
  // Fails the next N writes that finish a job ('done' or back to 'pending'), as a restarting
  // database would. The count is a sequence: the failing statement's rollback does not undo it.
  await sql`CREATE SEQUENCE outcome_write_calls`.execute(t.db);
  await sql`CREATE TABLE outcome_faults (fail_through bigint NOT NULL)`.execute(t.db);
  await sql`INSERT INTO outcome_faults VALUES (0)`.execute(t.db);
  await sql`
    CREATE FUNCTION fail_outcome_writes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status IN ('done', 'pending') AND OLD.status = 'running'
         AND nextval('outcome_write_calls') <= (SELECT fail_through FROM outcome_faults) THEN
        RAISE EXCEPTION 'terminating connection due to administrator command';
      END IF;
      RETURN NEW;
    END $$`.execute(t.db);
  await sql`CREATE TRIGGER fail_outcome_writes BEFORE UPDATE ON jobs FOR EACH ROW EXECUTE FUNCTION fail_outcome_writes()`.execute(t.db);
});
/** The next `n` outcome writes fail. */
async function failOutcomeWrites(n: number) {
  await sql`SELECT setval('outcome_write_calls', 1, false)`.execute(t.db);
  await sql`UPDATE outcome_faults SET fail_through = ${n}`.execute(t.db);
}
afterEach(async () => {
  await failOutcomeWrites(0);
  await sql`DELETE FROM jobs`.execute(t.db);
});
afterAll(async () => {
  await t?.close();
});

function recordingLogger() {
  const warnings: string[] = [];
  const logger: WorkerLogger = { info() {}, warn: (_f, m) => void warnings.push(m), error: (_f, m) => void warnings.push(m) };
  return { logger, warnings };
}

describe('the outcome write fails', () => {
  it('a succeeded job whose completion write fails twice is retried until recorded: done, run once', async () => {
    let runs = 0;
    const { logger, warnings } = recordingLogger();
    const w = createWorker({ db: t.db, clock, leaseMs: 10_000, logger, handlers: { work: async () => void runs++ } });
    const id = await enqueueJob(t.db, { kind: 'work', payload: {} }, clock);
    await failOutcomeWrites(2);
    const counts = await w.runOnce();
    expect(counts).toMatchObject({ claimed: 1, succeeded: 1, unrecorded: 0 });
    expect(runs).toBe(1);
    expect(await getJob(t.db, id)).toMatchObject({ status: 'done' });
    expect(warnings.filter((m) => m.includes('retrying'))).toHaveLength(2);
  });

  it('a failed job whose failure write fails once is still scheduled for its retry', async () => {
    const w = createWorker({ db: t.db, clock, leaseMs: 10_000, handlers: { work: async () => Promise.reject(new Error('upstream 503')) } });
    const id = await enqueueJob(t.db, { kind: 'work', payload: {} }, clock);
    await failOutcomeWrites(1);
    expect(await w.runOnce()).toMatchObject({ failed: 1, unrecorded: 0 });
    expect(await getJob(t.db, id)).toMatchObject({ status: 'pending', lastError: expect.stringContaining('upstream 503') });
  });

  it('gives up after half the lease, and stop() hands the job back so it runs again at once', async () => {
    let runs = 0;
    const w = createWorker({ db: t.db, clock, leaseMs: 400, handlers: { work: async () => void runs++ } });
    const id = await enqueueJob(t.db, { kind: 'work', payload: {} }, clock);
    await failOutcomeWrites(1000);
    expect(await w.runOnce()).toMatchObject({ succeeded: 0, unrecorded: 1 });
    expect(await getJob(t.db, id)).toMatchObject({ status: 'running' });
    await failOutcomeWrites(0);
    await w.stop();
    expect(await getJob(t.db, id)).toMatchObject({ status: 'pending', runAt: clock.now() });
    const other = createWorker({ db: t.db, clock, handlers: { work: async () => void runs++ } });
    expect(await other.runOnce()).toMatchObject({ succeeded: 1, recovered: 0 });
    expect(runs).toBe(2);
    const attempts = await listJobAttempts(t.db, id);
    expect(attempts.map((a) => a.outcome)).toEqual(['lease_lost', 'succeeded']);
  });
});

describe('stop() releases leases the worker no longer tracks', () => {
  it('a claim whose answer was lost is handed back at stop, not left leased until expiry', async () => {
    const w = createWorker({ db: t.db, clock, workerId: 'worker-a', leaseMs: 60_000, handlers: { work: async () => {} } });
    const id = await enqueueJob(t.db, { kind: 'work', payload: {} }, clock);
    // The claim committed, but its rows never reached worker-a (the connection dropped after COMMIT).
    await claimJobs(t.db, { workerId: 'worker-a', now: clock.now(), leaseMs: 60_000, limit: 1 });
    const untouched = await enqueueJob(t.db, { kind: 'work', payload: {} }, clock);
    await claimJobs(t.db, { workerId: 'worker-b', now: clock.now(), leaseMs: 60_000, limit: 1 });
    await w.stop();
    expect(await getJob(t.db, id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(await getJob(t.db, untouched)).toMatchObject({ status: 'running', leaseOwner: 'worker-b' });
    expect((await listJobAttempts(t.db, id))[0]).toMatchObject({ outcome: 'lease_lost', error: expect.stringContaining('released when the worker stopped') });
  });
});
