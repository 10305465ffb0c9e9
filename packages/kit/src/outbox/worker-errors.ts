/**
 * @module Errors a job handler may see or that the worker records.
 */

/** The job was taken over by another worker (this attempt's lease expired); its outcome is discarded. */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
  constructor(
    readonly jobId: number,
    readonly attempt: number,
  ) {
    super(`Job ${jobId} attempt ${attempt}: the lease was taken over by another worker`);
  }
}

/** Recorded as the failure of a claimed job whose kind has no handler on the claiming worker. */
export class UnknownJobKindError extends Error {
  override name = 'UnknownJobKindError';
  constructor(
    readonly kind: string,
    workerId: string,
  ) {
    super(`No handler registered for job kind "${kind}" on worker ${workerId}`);
  }
}
