/**
 * @module Job worker: claims due jobs with a lease, runs their handlers (up to `batchSize` at a time),
 * renews the lease while a handler runs, and records the outcome with fenced writes.
 * Delivery is at-least-once: a job whose worker dies runs again once its lease expires.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleepMs } from 'node:timers/promises';
import { type Clock, systemClock } from '../clock';
import type { AnyDb, Executor } from '../db/database';
import { type BackoffOptions, backoffDelay, defaultBackoff, validateBackoff } from './backoff';
import { type AttemptRef, claimJobs, completeAttempt, failAttempt, releaseLeases, renewLease } from './job-store';
import type { Job } from './jobs';
import { LeaseLostError, UnknownJobKindError } from './worker-errors';

export { LeaseLostError, UnknownJobKindError } from './worker-errors';

export interface JobContext {
  workerId: string;
  /** Aborted (reason: a LeaseLostError) when another worker has taken the job over. */
  signal: AbortSignal;
  clock: Clock;
  /**
   * Marks the job done inside the handler's own transaction, so its database effects and the
   * completion commit together (exactly once). Throws LeaseLostError when the job has been taken
   * over, which rolls the transaction back. Pass the open transaction, not the database.
   */
  completeIn(trx: Executor): Promise<void>;
}

export type JobHandler<P = unknown> = (job: Job<P>, ctx: JobContext) => Promise<void>;
// biome-ignore lint/suspicious/noExplicitAny: each handler declares its own payload type.
export type JobHandlers = Record<string, JobHandler<any>>;

/** Structured logging, pino-compatible: `logger.warn({ jobId }, 'message')`. */
export interface WorkerLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface WorkerOptions {
  db: AnyDb;
  handlers: JobHandlers;
  clock?: Clock;
  /** Recorded as lease_owner and in job_attempts; default `host:pid:random`. Must be unique per worker. */
  workerId?: string;
  /** How long a claim is valid without renewal. Default 30 s. */
  leaseMs?: number;
  /** Renewal interval while a handler runs. Default leaseMs / 3. */
  heartbeatMs?: number;
  /** Sleep between polls when the queue is empty. Default 1 s. */
  pollIntervalMs?: number;
  /** Jobs claimed at once, and the most run concurrently. Default 5. */
  batchSize?: number;
  backoff?: Partial<BackoffOptions>;
  /**
   * Default false: claim only kinds with a handler here, so workers of different versions or
   * products can share a table. True: claim every kind and fail unknown ones (retried, then dead).
   */
  claimUnknownKinds?: boolean;
  logger?: WorkerLogger;
  /** [0, 1) source for jitter; tests make it deterministic. */
  random?: () => number;
}

export interface RunCounts {
  claimed: number;
  /** Claimed jobs whose previous worker's lease had expired. */
  recovered: number;
  succeeded: number;
  /** Failed and scheduled for a retry. */
  failed: number;
  /** Failed for the last time (including a final attempt whose worker died). */
  dead: number;
  /** Finished after another worker had taken the job over: outcome discarded. */
  leaseLost: number;
  /** Outcome could not be written (database error, retried while the lease lasted): the job runs again. */
  unrecorded: number;
}

export interface Worker {
  readonly id: string;
  /** Runs the poll loop in the background until stop(). */
  start(): void;
  /**
   * Stops claiming, waits for running handlers to finish and be recorded, then hands back any job
   * still leased to this worker (a claim whose answer was lost, an outcome that could not be written)
   * so another worker runs it at once instead of after the lease expires.
   */
  stop(): Promise<void>;
  /** Claims one batch, runs it to the end, returns what happened. Not while started. */
  runOnce(): Promise<RunCounts>;
  /** Polls now instead of waiting for the interval (e.g. right after enqueueing). */
  wake(): void;
  /** Totals since creation. */
  readonly counts: Readonly<RunCounts>;
}

/** The longest an outcome write is retried (shorter when half the lease is shorter). */
const outcomeRetryLimitMs = 10_000;
const silentLogger: WorkerLogger = { info() {}, warn() {}, error() {} };
const zeroCounts = (): RunCounts => ({ claimed: 0, recovered: 0, succeeded: 0, failed: 0, dead: 0, leaseLost: 0, unrecorded: 0 });

export function defaultWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export function createWorker(options: WorkerOptions): Worker {
  const db = options.db;
  const handlers = { ...options.handlers };
  const clock = options.clock ?? systemClock;
  const id = options.workerId ?? defaultWorkerId();
  const leaseMs = positive('leaseMs', options.leaseMs ?? 30_000);
  const heartbeatMs = positive('heartbeatMs', options.heartbeatMs ?? Math.max(1, Math.floor(leaseMs / 3)));
  const pollIntervalMs = positive('pollIntervalMs', options.pollIntervalMs ?? 1000);
  const batchSize = options.batchSize ?? 5;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be an integer >= 1');
  const claimWhenFree = Math.max(1, Math.floor(batchSize / 4));
  const backoff = validateBackoff({ ...defaultBackoff, ...options.backoff });
  const kinds = options.claimUnknownKinds ? undefined : Object.keys(handlers);
  const logger = options.logger ?? silentLogger;
  const random = options.random ?? Math.random;

  const totals = zeroCounts();
  const inFlight = new Set<Promise<void>>();
  let loop: Promise<void> | undefined;
  let stopping = false;
  let wakeUp: (() => void) | undefined;
  /** Set by wake() while the loop is busy, so the next sleep returns at once. */
  let woken = false;
  const wake = () => {
    woken = true;
    wakeUp?.();
  };

  const add = (counts: RunCounts, key: keyof RunCounts, n = 1) => {
    counts[key] += n;
    if (counts !== totals) totals[key] += n;
  };

  async function claim(limit: number, counts: RunCounts): Promise<Job[]> {
    const result = await claimJobs(db, { workerId: id, now: clock.now(), leaseMs, limit, kinds });
    add(counts, 'claimed', result.jobs.length);
    add(counts, 'recovered', result.recovered);
    add(counts, 'dead', result.dead);
    if (result.recovered > 0 || result.dead > 0) logger.warn({ worker: id, recovered: result.recovered, dead: result.dead }, 'took over jobs whose lease expired');
    return result.jobs;
  }

  async function execute(job: Job, counts: RunCounts): Promise<void> {
    const ref: AttemptRef = { jobId: job.id, attempt: job.attempt, workerId: id };
    const controller = new AbortController();
    const heartbeat = startHeartbeat(ref, controller);
    /** The handler completed the job in its transaction: recording the success again is a wasted round trip. */
    let completedIn = false;
    const ctx: JobContext = {
      workerId: id,
      signal: controller.signal,
      clock,
      completeIn: async (trx) => {
        if (!(await completeAttempt(trx, ref, clock.now()))) throw new LeaseLostError(job.id, job.attempt);
        completedIn = true;
      },
    };
    let failure: { error: unknown } | undefined;
    try {
      const handler = Object.hasOwn(handlers, job.kind) ? handlers[job.kind] : undefined;
      if (!handler) throw new UnknownJobKindError(job.kind, id);
      await handler(job, ctx);
    } catch (error) {
      failure = { error };
    } finally {
      await heartbeat.stop();
    }
    const fields = { worker: id, jobId: job.id, kind: job.kind, attempt: job.attempt };
    try {
      const now = clock.now();
      if (!failure) {
        // Had that transaction rolled back after completeIn (an error the handler swallowed), the job
        // stays leased and runs again once the lease expires: still at least once.
        if (completedIn) return add(counts, 'succeeded');
        if (await persistently(fields, () => completeAttempt(db, ref, now))) return add(counts, 'succeeded');
      } else {
        const retryAt = new Date(now.getTime() + backoffDelay(job.attempt, backoff, random));
        const status = await persistently(fields, () => failAttempt(db, ref, now, failure.error, retryAt));
        if (status === 'pending') {
          logger.warn({ ...fields, err: failure.error, retryAt }, 'job failed; will retry');
          return add(counts, 'failed');
        }
        if (status === 'dead') {
          logger.error({ ...fields, err: failure.error }, 'job failed for the last time; marked dead');
          return add(counts, 'dead');
        }
      }
      logger.warn(fields, 'job finished after its lease was taken over; outcome discarded');
      add(counts, 'leaseLost');
    } catch (error) {
      // The job stays running under our lease, which expires; another claim will run it again.
      logger.error({ ...fields, err: error }, 'could not record the job outcome; it will run again after the lease expires');
      add(counts, 'unrecorded');
    }
  }

  /**
   * Writes an outcome, retrying a failed write (the database restarting, a dropped connection) for up
   * to half the lease: a job that already did its work should not run again for want of one UPDATE.
   * Both writes are fenced, so a retry after a write that committed unanswered changes nothing.
   */
  async function persistently<T>(fields: Record<string, unknown>, write: () => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + Math.min(leaseMs / 2, outcomeRetryLimitMs);
    for (let delay = 50; ; delay = Math.min(delay * 2, 2000)) {
      try {
        return await write();
      } catch (error) {
        if (Date.now() + delay > giveUpAt) throw error;
        logger.warn({ ...fields, err: error, retryInMs: delay }, 'recording the job outcome failed; retrying');
        await sleepMs(delay);
      }
    }
  }

  /** Renews the lease every heartbeatMs; stop() resolves once no renewal is in flight. */
  function startHeartbeat(ref: AttemptRef, controller: AbortController) {
    let renewal: Promise<void> | undefined;
    const renew = async () => {
      try {
        if (!(await renewLease(db, ref, clock.now(), leaseMs))) {
          clearInterval(timer);
          controller.abort(new LeaseLostError(ref.jobId, ref.attempt));
        }
      } catch (error) {
        logger.warn({ worker: id, jobId: ref.jobId, err: error }, 'lease renewal failed; retrying');
      } finally {
        renewal = undefined;
      }
    };
    const timer = setInterval(() => {
      if (!renewal && !controller.signal.aborted) renewal = renew();
    }, heartbeatMs);
    return {
      stop: async () => {
        clearInterval(timer);
        await renewal;
      },
    };
  }

  function track(job: Job) {
    const run: Promise<void> = execute(job, totals).finally(() => {
      inFlight.delete(run);
      wake();
    });
    inFlight.add(run);
  }

  function sleep(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined || woken || stopping ? undefined : setTimeout(done, ms);
      function done() {
        if (timer) clearTimeout(timer);
        wakeUp = undefined;
        woken = false;
        resolve();
      }
      if (!timer && (woken || stopping)) return done();
      wakeUp = done;
    });
  }

  async function pollLoop(): Promise<void> {
    while (!stopping) {
      const free = batchSize - inFlight.size;
      let idle = true;
      // Claim in batches: wait for a quarter of the slots to free up (unless nothing runs), so a busy
      // queue costs one claim per several jobs rather than one per finished job.
      if (free > 0 && (free >= claimWhenFree || inFlight.size === 0)) {
        try {
          const jobs = await claim(free, totals);
          for (const job of jobs) track(job);
          idle = jobs.length < free;
        } catch (error) {
          logger.error({ worker: id, err: error }, 'claiming jobs failed');
        }
      }
      if (stopping) break;
      // Busy: wait for slots (a finishing job wakes us). Otherwise the queue is drained: poll later.
      const busy = batchSize - inFlight.size < claimWhenFree && inFlight.size > 0;
      await sleep(busy ? undefined : idle ? pollIntervalMs : 0);
    }
  }

  return {
    id,
    get counts() {
      return { ...totals };
    },
    start() {
      if (loop) return;
      stopping = false;
      loop = pollLoop();
    },
    async stop() {
      stopping = true;
      wake();
      await loop;
      loop = undefined;
      while (inFlight.size > 0) await Promise.all(inFlight);
      try {
        const released = await releaseLeases(db, id, clock.now());
        if (released > 0) logger.warn({ worker: id, released }, 'released jobs still leased to this worker at stop; they run again elsewhere');
      } catch (error) {
        logger.error({ worker: id, err: error }, 'could not release leases at stop; those jobs run again once their lease expires');
      }
    },
    async runOnce() {
      if (loop) throw new Error('runOnce() cannot be used while the worker is started');
      const counts = zeroCounts();
      const jobs = await claim(batchSize, counts);
      await Promise.all(jobs.map((job) => execute(job, counts)));
      return counts;
    },
    wake,
  };
}

function positive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a number > 0`);
  return value;
}
