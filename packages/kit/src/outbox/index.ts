/**
 * @module Transactional outbox and job queue (see docs/outbox.md).
 */
export { type BackoffOptions, backoffCeiling, backoffDelay, defaultBackoff, type Jitter } from './backoff';
export { type EmitEventInput, type EventPage, emitEvent, type OutboxEvent, type ReadEventsOptions, readEvents, waitForEventHorizon } from './events';
export {
  type AttemptOutcome,
  DEFAULT_MAX_ATTEMPTS,
  type EnqueueJobInput,
  enqueueJob,
  enqueueJobs,
  getJob,
  type Job,
  type JobAttempt,
  type JobRecord,
  type JobStatus,
  listJobAttempts,
} from './jobs';
export { outboxMigrations } from './outbox-migrations';
export {
  createWorker,
  defaultWorkerId,
  type JobContext,
  type JobHandler,
  type JobHandlers,
  LeaseLostError,
  type RunCounts,
  UnknownJobKindError,
  type Worker,
  type WorkerLogger,
  type WorkerOptions,
} from './worker';
