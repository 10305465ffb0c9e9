/**
 * @module The queue's SQL: claim with a lease, then fenced updates. Every write after the claim
 * names (id, lease_owner, attempts), so a worker whose lease was taken over can never overwrite the
 * job's new owner. Each function is one statement or one short transaction; none stays open while a
 * handler runs.
 */
import { type RawBuilder, sql } from 'kysely';
import type { AnyDb, Executor } from '../db/database';
import { type Job, toJobRecord } from './jobs';
import { describeError } from './sql-values';

export interface ClaimRequest {
  workerId: string;
  now: Date;
  leaseMs: number;
  limit: number;
  /** Only these kinds; undefined = every kind. */
  kinds?: string[];
}

export interface ClaimResult {
  /** Jobs now leased to the worker, attempt already incremented. */
  jobs: Job[];
  /** How many of `jobs` were taken over from a worker whose lease had expired. */
  recovered: number;
  /** Jobs whose lease expired during their final attempt: marked dead instead of run again. */
  dead: number;
}

/** Identifies one attempt: the fence every later write must match. */
export interface AttemptRef {
  jobId: number;
  attempt: number;
  workerId: string;
}

export async function claimJobs(db: AnyDb, req: ClaimRequest): Promise<ClaimResult> {
  if (req.kinds && req.kinds.length === 0) return { jobs: [], recovered: 0, dead: 0 };
  const leaseUntil = new Date(req.now.getTime() + req.leaseMs);
  const expiredFinal = sql`c.prev_status = 'running' AND j.attempts >= j.max_attempts`;
  // One statement: lease the jobs, close the attempts whose lease expired, open the new attempts.
  // MATERIALIZED: the LIMIT ... SKIP LOCKED subquery runs once. In an explicit transaction all the
  // same: on PGlite (one shared connection) a bare statement would join whichever transaction
  // another caller has open, and roll back with it.
  const { rows } = await db.transaction().execute((trx) =>
    sql<Record<string, unknown>>`
    WITH c AS MATERIALIZED (
      SELECT id, status AS prev_status, attempts AS prev_attempts, lease_owner AS prev_owner
      FROM jobs
      WHERE ((status = 'pending' AND run_at <= ${req.now}) OR (status = 'running' AND lease_expires_at <= ${req.now}))
        ${req.kinds ? sql`AND kind IN (${sql.join(req.kinds)})` : sql``}
      ORDER BY run_at, id
      LIMIT ${req.limit}
      FOR UPDATE SKIP LOCKED
    ), u AS (
      UPDATE jobs j SET
        status = CASE WHEN ${expiredFinal} THEN 'dead' ELSE 'running' END,
        attempts = CASE WHEN ${expiredFinal} THEN j.attempts ELSE j.attempts + 1 END,
        lease_owner = CASE WHEN ${expiredFinal} THEN j.lease_owner ELSE ${req.workerId} END,
        lease_expires_at = CASE WHEN ${expiredFinal} THEN NULL ELSE ${leaseUntil}::timestamptz END,
        last_error = CASE WHEN ${expiredFinal} THEN 'lease expired during the final attempt (worker ' || j.lease_owner || ' stopped)' ELSE j.last_error END,
        finished_at = CASE WHEN ${expiredFinal} THEN ${req.now}::timestamptz ELSE NULL END,
        updated_at = ${req.now}
      FROM c
      WHERE j.id = c.id
      RETURNING j.*, c.prev_status, c.prev_attempts, c.prev_owner
    ), lost AS (
      UPDATE job_attempts a SET outcome = 'lease_lost', finished_at = ${req.now},
        error = 'lease expired: the worker stopped renewing it (crashed, killed or stalled)'
      FROM u
      WHERE u.prev_status = 'running' AND a.job_id = u.id AND a.attempt = u.prev_attempts AND a.finished_at IS NULL
    ), opened AS (
      INSERT INTO job_attempts (job_id, attempt, worker, started_at)
      SELECT id, attempts, ${req.workerId}, ${req.now}::timestamptz FROM u WHERE status = 'running'
      ON CONFLICT (job_id, attempt) DO UPDATE SET worker = EXCLUDED.worker, started_at = EXCLUDED.started_at,
        finished_at = NULL, outcome = NULL, error = NULL
    )
    SELECT * FROM u ORDER BY run_at, id`.execute(trx),
  );
  const claimed = rows.filter((r) => r.status === 'running');
  const jobs = claimed.map((r): Job => {
    const rec = toJobRecord(r);
    return { id: rec.id, kind: rec.kind, payload: rec.payload, attempt: rec.attempts, maxAttempts: rec.maxAttempts, runAt: rec.runAt, createdAt: rec.createdAt, dedupeKey: rec.dedupeKey };
  });
  return { jobs, recovered: claimed.filter((r) => r.prev_status === 'running').length, dead: rows.length - claimed.length };
}

function fence(ref: AttemptRef, statuses: RawBuilder<unknown>) {
  return sql`id = ${ref.jobId} AND lease_owner = ${ref.workerId} AND attempts = ${ref.attempt} AND status IN (${statuses})`;
}

/**
 * Marks the attempt succeeded, inside `executor`'s transaction when it is one (a handler's own
 * transaction, for exactly-once effects). Idempotent for the same attempt. False = fenced out.
 */
export async function completeAttempt(executor: Executor, ref: AttemptRef, now: Date): Promise<boolean> {
  // One statement: mark the job done (fenced) and close the attempt with the matching outcome (in a
  // transaction of its own when none is given: see claimJobs on PGlite).
  const run = async (trx: Executor) => {
    const { rows } = await sql<{ done: boolean }>`
    WITH done AS (
      UPDATE jobs SET status = 'done', lease_expires_at = NULL, finished_at = COALESCE(finished_at, ${now}), updated_at = ${now}
      WHERE ${fence(ref, sql`'running', 'done'`)} RETURNING id
    ), closed AS (
      UPDATE job_attempts SET
        outcome = CASE WHEN EXISTS (SELECT 1 FROM done) THEN 'succeeded' ELSE 'lease_lost' END,
        finished_at = ${now},
        error = CASE WHEN EXISTS (SELECT 1 FROM done) THEN NULL ELSE 'lease lost before the outcome was recorded' END
      WHERE job_id = ${ref.jobId} AND attempt = ${ref.attempt} AND worker = ${ref.workerId} AND finished_at IS NULL
    )
    SELECT EXISTS (SELECT 1 FROM done) AS done`.execute(trx);
    return rows[0]?.done === true;
  };
  return executor.isTransaction ? run(executor) : (executor as AnyDb).transaction().execute(run);
}

/** Records a failed attempt: back to pending at `retryAt`, or dead at max_attempts. Null = fenced out. */
export async function failAttempt(db: AnyDb, ref: AttemptRef, now: Date, error: unknown, retryAt: Date): Promise<'pending' | 'dead' | null> {
  const message = describeError(error);
  const final = sql`attempts >= max_attempts`;
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ status: 'pending' | 'dead' }>`
      UPDATE jobs SET
        status = CASE WHEN ${final} THEN 'dead' ELSE 'pending' END,
        run_at = CASE WHEN ${final} THEN run_at ELSE ${retryAt}::timestamptz END,
        lease_owner = CASE WHEN ${final} THEN lease_owner ELSE NULL END,
        lease_expires_at = NULL,
        last_error = ${message},
        finished_at = CASE WHEN ${final} THEN ${now}::timestamptz ELSE NULL END,
        updated_at = ${now}
      WHERE ${fence(ref, sql`'running'`)} RETURNING status`.execute(trx);
    const status = rows[0]?.status ?? null;
    await finishAttempt(trx, ref, now, status ? 'failed' : 'lease_lost', message);
    return status;
  });
}

/** Extends the lease of a running attempt. False = the lease now belongs to someone else. */
export async function renewLease(db: AnyDb, ref: AttemptRef, now: Date, leaseMs: number): Promise<boolean> {
  const { rows } = await sql`
    UPDATE jobs SET lease_expires_at = ${new Date(now.getTime() + leaseMs)}, updated_at = ${now}
    WHERE ${fence(ref, sql`'running'`)} RETURNING id`.execute(db);
  return rows.length > 0;
}

/**
 * Hands back every job still leased to `workerId` (called when the worker stops, with nothing of
 * its own running): due now, its open attempt closed as lease_lost. The attempt stays counted.
 */
export async function releaseLeases(db: AnyDb, workerId: string, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: number; attempts: number }>`
      UPDATE jobs SET status = 'pending', run_at = ${now}, lease_owner = NULL, lease_expires_at = NULL, updated_at = ${now}
      WHERE status = 'running' AND lease_owner = ${workerId} RETURNING id, attempts`.execute(trx);
    for (const row of rows) {
      await sql`
        UPDATE job_attempts SET outcome = 'lease_lost', finished_at = ${now},
          error = 'released when the worker stopped: its outcome had not been recorded'
        WHERE job_id = ${row.id} AND attempt = ${row.attempts} AND worker = ${workerId} AND finished_at IS NULL`.execute(trx);
    }
    return rows.length;
  });
}

async function finishAttempt(trx: Executor, ref: AttemptRef, now: Date, outcome: 'succeeded' | 'failed' | 'lease_lost', error: string | null) {
  const why = outcome === 'lease_lost' ? `lease lost before the outcome was recorded${error ? ` (handler error: ${error})` : ''}` : error;
  await sql`
    UPDATE job_attempts SET outcome = ${outcome}, finished_at = ${now}, error = ${why}
    WHERE job_id = ${ref.jobId} AND attempt = ${ref.attempt} AND worker = ${ref.workerId} AND finished_at IS NULL`.execute(trx);
}
