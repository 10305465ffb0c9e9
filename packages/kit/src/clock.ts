/**
 * @module Clock: time is injected so expiry rules (approvals, claim attempts, leases, retries)
 * are tested by moving a clock, never by sleeping.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to. */
export class ManualClock implements Clock {
  private current: number;
  private readonly listeners = new Set<() => void>();
  constructor(start: Date | string | number = '2026-01-01T00:00:00Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
    this.changed();
  }
  set(to: Date | string | number): void {
    this.current = new Date(to).getTime();
    this.changed();
  }
  /**
   * Calls `listener` after every move (a test harness wakes its job worker, so work that just
   * came due runs now instead of at the next poll). Returns the unsubscribe function.
   */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

export const seconds = (n: number) => n * 1000;
export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;
