/**
 * @module Retry delays: capped exponential backoff with jitter (AWS Architecture Blog,
 * "Exponential Backoff And Jitter"). For the n-th failed attempt (n >= 1):
 *   ceiling(n) = min(maxMs, baseMs * 2^(n-1))
 *   full jitter:  delay = random(0, ceiling)
 *   equal jitter: delay = ceiling/2 + random(0, ceiling/2)
 *   none:         delay = ceiling
 */
export type Jitter = 'full' | 'equal' | 'none';

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  jitter: Jitter;
}

/** 1 s, 2 s, 4 s, ... capped at 10 min; equal jitter keeps every delay within [ceiling/2, ceiling]. */
export const defaultBackoff: BackoffOptions = { baseMs: 1000, maxMs: 600_000, jitter: 'equal' };

export function backoffCeiling(attempt: number, options: BackoffOptions): number {
  const n = Math.max(1, Math.trunc(attempt));
  return Math.min(options.maxMs, options.baseMs * 2 ** (n - 1));
}

/** The delay before retrying after failed attempt `attempt`; `random` returns [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = backoffCeiling(attempt, options);
  switch (options.jitter) {
    case 'none':
      return ceiling;
    case 'full':
      return Math.floor(random() * ceiling);
    case 'equal':
      return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
    default:
      throw new RangeError(`Unknown jitter "${String(options.jitter)}"`);
  }
}

export function validateBackoff(options: BackoffOptions): BackoffOptions {
  const { baseMs, maxMs, jitter } = options;
  if (!(Number.isFinite(baseMs) && baseMs >= 0)) throw new RangeError('backoff.baseMs must be a number >= 0');
  if (!(Number.isFinite(maxMs) && maxMs >= baseMs)) throw new RangeError('backoff.maxMs must be a number >= baseMs');
  if (jitter !== 'full' && jitter !== 'equal' && jitter !== 'none') throw new RangeError('backoff.jitter must be full, equal or none');
  return options;
}
