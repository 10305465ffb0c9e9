/**
 * @module Jobs: enqueued in the caller's transaction, run later by a worker (see worker.ts).
 */
import { sql } from 'kysely';
import { type Clock, systemClock } from '../clock';
import type { Executor } from '../db/database';
import { jsonb, toDate, toDateOrNull, toNumber } from './sql-values';

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';
export type AttemptOutcome = 'succeeded' | 'failed' | 'lease_lost';

export const DEFAULT_MAX_ATTEMPTS = 10;

export interface EnqueueJobInput<P = unknown> {
  /** Selects the handler, e.g. `webhook.deliver`. */
  kind: string;
  /** JSON-serialisable; defaults to `{}`. */
  payload?: P;
  /** Not before this time; default now (per the clock). */
  runAt?: Date;
  /** Default 10. The job is `dead` after this many failed attempts. */
  maxAttempts?: number;
  /**
   * Idempotency key, unique over the whole table for ever (not only among pending jobs): a second
   * enqueue with the same key inserts nothing and returns the first job's id.
   */
  dedupeKey?: string;
}

/** What a handler receives. */
export interface Job<P = unknown> {
  id: number;
  kind: string;
  payload: P;
  /** 1 on the first run; counts every claim, including runs whose worker died. */
  attempt: number;
  maxAttempts: number;
  runAt: Date;
  createdAt: Date;
  dedupeKey: string | null;
}

/** A row of `jobs`, for status pages and tests. */
export interface JobRecord<P = unknown> {
  id: number;
  kind: string;
  payload: P;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  lastError: string | null;
  dedupeKey: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface JobAttempt {
  jobId: number;
  attempt: number;
  worker: string;
  startedAt: Date;
  /** null while the attempt runs, or when its worker died and nobody has taken the job over yet. */
  finishedAt: Date | null;
  outcome: AttemptOutcome | null;
  error: string | null;
}

/**
 * Inserts a job in the executor's transaction (pass the open transaction so the job exists only if
 * the change that asked for it commits). Returns the job id (the existing one for a known dedupeKey).
 */
export async function enqueueJob<P>(executor: Executor, input: EnqueueJobInput<P>, clock: Clock = systemClock): Promise<number> {
  if (!input.kind) throw new TypeError('enqueueJob: kind is required');
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('enqueueJob: maxAttempts must be an integer >= 1');
  const now = clock.now();
  const runAt = input.runAt ?? now;
  if (Number.isNaN(runAt.getTime())) throw new RangeError('enqueueJob: runAt is not a valid date');
  const dedupeKey = input.dedupeKey ?? null;
  const { rows } = await sql<{ id: unknown }>`
    INSERT INTO jobs (kind, payload, status, attempts, max_attempts, run_at, dedupe_key, created_at, updated_at)
    VALUES (${input.kind}, ${jsonb(input.payload)}, 'pending', 0, ${maxAttempts}, ${runAt}, ${dedupeKey}, ${now}, ${now})
    ${dedupeKey === null ? sql`` : sql`ON CONFLICT (dedupe_key) DO NOTHING`}
    RETURNING id`.execute(executor);
  if (rows.length > 0) return toNumber(rows[0].id);
  const existing = await sql<{ id: unknown }>`SELECT id FROM jobs WHERE dedupe_key = ${dedupeKey}`.execute(executor);
  if (existing.rows.length === 0) throw new Error(`enqueueJob: dedupe key "${dedupeKey}" conflicted but no job holds it`);
  return toNumber(existing.rows[0].id);
}

/**
 * Inserts several jobs in one statement (a fan-out enqueueing hundreds of deliveries pays one round
 * trip). Same rules as enqueueJob per job; a known dedupeKey inserts nothing. Returns how many were new.
 */
export async function enqueueJobs<P>(executor: Executor, inputs: EnqueueJobInput<P>[], clock: Clock = systemClock): Promise<number> {
  if (inputs.length === 0) return 0;
  const now = clock.now();
  const rows = inputs.map((input) => {
    if (!input.kind) throw new TypeError('enqueueJobs: kind is required');
    const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new RangeError('enqueueJobs: maxAttempts must be an integer >= 1');
    const runAt = input.runAt ?? now;
    if (Number.isNaN(runAt.getTime())) throw new RangeError('enqueueJobs: runAt is not a valid date');
    return sql`(${input.kind}, ${jsonb(input.payload)}, 'pending', 0, ${maxAttempts}, ${runAt}::timestamptz, ${input.dedupeKey ?? null}, ${now}::timestamptz, ${now}::timestamptz)`;
  });
  const result = await sql`
    INSERT INTO jobs (kind, payload, status, attempts, max_attempts, run_at, dedupe_key, created_at, updated_at)
    VALUES ${sql.join(rows)}
    ON CONFLICT (dedupe_key) DO NOTHING`.execute(executor);
  return Number(result.numAffectedRows ?? 0);
}

export async function getJob<P = unknown>(executor: Executor, id: number): Promise<JobRecord<P> | undefined> {
  const { rows } = await sql<Record<string, unknown>>`SELECT * FROM jobs WHERE id = ${id}`.execute(executor);
  return rows[0] ? toJobRecord<P>(rows[0]) : undefined;
}

/** Every attempt of a job, oldest first. */
export async function listJobAttempts(executor: Executor, jobId: number): Promise<JobAttempt[]> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT * FROM job_attempts WHERE job_id = ${jobId} ORDER BY attempt`.execute(executor);
  return rows.map((r) => ({
    jobId: toNumber(r.job_id),
    attempt: r.attempt as number,
    worker: r.worker as string,
    startedAt: toDate(r.started_at),
    finishedAt: toDateOrNull(r.finished_at),
    outcome: (r.outcome as AttemptOutcome | null) ?? null,
    error: (r.error as string | null) ?? null,
  }));
}

export function toJobRecord<P>(r: Record<string, unknown>): JobRecord<P> {
  return {
    id: toNumber(r.id),
    kind: r.kind as string,
    payload: r.payload as P,
    status: r.status as JobStatus,
    attempts: r.attempts as number,
    maxAttempts: r.max_attempts as number,
    runAt: toDate(r.run_at),
    leaseOwner: (r.lease_owner as string | null) ?? null,
    leaseExpiresAt: toDateOrNull(r.lease_expires_at),
    lastError: (r.last_error as string | null) ?? null,
    dedupeKey: (r.dedupe_key as string | null) ?? null,
    createdAt: toDate(r.created_at),
    updatedAt: toDate(r.updated_at),
    finishedAt: toDateOrNull(r.finished_at),
  };
}
