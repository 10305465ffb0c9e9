/**
 * @module Fixed-window rate limits shared by every app instance through the database, without a
 * database write on the common path. An instance reads a window's shared total when it first sees it
 * (one read per bucket and window), then counts hits in process and flushes them in one
 * batched statement every `flushIntervalMs`, or at once when one bucket has counted 5 % of its
 * limit (at least 10 hits) since its last flush (a flush also brings back the other instances'
 * totals, so a burst on several instances is seen within that many hits); only near the limit (the last `max(10, 20%)` hits of a
 * window) does a hit go to the database synchronously, so the final hits are counted exactly across
 * instances. Once a window is known to be over its limit, refusals are answered from memory: a 429
 * costs no database round trip. Time comes from the injected clock.
 *
 * Accuracy given up (docs/architecture.md, "Rate limits"): on one instance, none (the in-process
 * count is exact). Across instances, a window admits `limit` plus what the instances admitted in
 * process on a stale view of each other: per instance about one early-flush step (`flushAfterHits`)
 * of its own hits and one of every other instance's, and only while each saw the window below its
 * shared-check threshold. A crash loses unflushed counts.
 */
import { sql } from 'kysely';
import type { Clock } from '../clock';
import type { AnyDb } from '../db/database';
import type { SqlMigration } from '../db/migrations';
import { rateLimited } from '../errors/api-error';

export const rateLimitMigrations: SqlMigration[] = [
  {
    name: 'kit-0200-rate-limits',
    up: `create table rate_limit_counters (
      bucket text not null,
      window_start timestamptz not null,
      hits int not null,
      primary key (bucket, window_start)
    );`,
  },
];

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

export interface RateLimiterOptions {
  /** How often in-process counts are written to the database (one statement for all buckets). */
  flushIntervalMs?: number;
}

/** The last `max(SHARED_MARGIN_MIN, SHARED_MARGIN_SHARE × limit)` hits of a window are checked in the database. */
const SHARED_MARGIN_MIN = 10;
const SHARED_MARGIN_SHARE = 0.2;
const DEFAULT_FLUSH_INTERVAL_MS = 1000;
const PRUNE_EVERY_MS = 3600_000;
const KEEP_WINDOWS_MS = 24 * 3600_000;

/** What this instance knows about one bucket's current window. */
interface WindowCount {
  bucket: string;
  windowStart: Date;
  windowEndMs: number;
  /** The database total as last seen (includes every instance's flushed hits). */
  shared: number;
  /** Hits admitted here and not yet sent to the database. */
  pending: number;
  /** Hits in statements sent and not yet answered (still part of the estimate). */
  inFlight: number;
  /** The database said the window is full: refuse without asking again. */
  full: boolean;
  /** The first sight of a window reads its shared total (a read, once per bucket and window). */
  loaded: Promise<void> | null;
}

/** Unflushed hits of one bucket that trigger a flush before the timer: 5 % of the limit, at least 10. */
export function flushAfterHits(limit: number): number {
  return Math.max(10, Math.ceil(limit * 0.05));
}

export function sharedCheckThreshold(limit: number): number {
  return Math.max(0, limit - Math.max(SHARED_MARGIN_MIN, Math.ceil(limit * SHARED_MARGIN_SHARE)));
}

export class RateLimiter {
  private readonly windows = new Map<string, WindowCount>();
  private readonly flushIntervalMs: number;
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private lastPruneMs = 0;

  constructor(
    private readonly db: AnyDb,
    private readonly clock: Clock,
    options: RateLimiterOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
  }

  /** The bucket's count for the window `now` falls in (loaded from the database once), and the seconds until it ends. */
  private async currentWindow(bucket: string, windowSeconds: number) {
    const nowMs = this.clock.now().getTime();
    const windowMs = windowSeconds * 1000;
    const windowStartMs = Math.floor(nowMs / windowMs) * windowMs;
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStartMs + windowMs - nowMs) / 1000));
    const count = this.windowCount(bucket, windowStartMs, windowMs);
    if (count.loaded) await count.loaded;
    return { count, retryAfterSeconds };
  }

  /** Counts one hit against `bucket` (e.g. `ip:1.2.3.4:register`) in a window of `windowSeconds`. */
  async hit(bucket: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const { count, retryAfterSeconds } = await this.currentWindow(bucket, windowSeconds);
    const refused = { allowed: false, remaining: 0, retryAfterSeconds };
    if (count.full) {
      this.scheduleFlush();
      return refused;
    }
    const estimate = count.shared + count.pending + count.inFlight;
    if (estimate + 1 <= sharedCheckThreshold(limit)) {
      count.pending++;
      // A burst: send the counts now (and learn the other instances') instead of waiting for the timer.
      // Twice that many unsent while a flush is still on its way (a burst faster than the database
      // answers): this hit waits for it, so no instance runs far ahead on a stale view.
      const step = flushAfterHits(limit);
      if (count.pending >= step && !this.flushing) this.flush().catch(() => {});
      else {
        if (count.pending >= 2 * step && this.flushing) await this.flushing.catch(() => {});
        this.scheduleFlush();
      }
      return { allowed: true, remaining: limit - estimate - 1, retryAfterSeconds };
    }
    this.scheduleFlush(); // also forgets ended windows, so per-IP buckets do not pile up in memory
    const hits = await this.countInDatabase(count, limit);
    if (hits === null || hits > limit) {
      count.full = true;
      return refused;
    }
    return { allowed: true, remaining: Math.max(0, limit - hits), retryAfterSeconds };
  }

  /**
   * Whether `bucket` has already used up `limit` in the current window, without counting a hit
   * (a guard that counts only failures asks this first). Same accuracy as `hit`.
   */
  async peek(bucket: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const { count, retryAfterSeconds } = await this.currentWindow(bucket, windowSeconds);
    this.scheduleFlush(); // forgets ended windows, as `hit` does
    const used = count.shared + count.pending + count.inFlight;
    if (count.full || used >= limit) return { allowed: false, remaining: 0, retryAfterSeconds };
    return { allowed: true, remaining: limit - used, retryAfterSeconds };
  }

  /** Throws 429 (with retryAfterSeconds and Retry-After) when over the limit. */
  async enforce(bucket: string, limit: number, windowSeconds: number, message?: string): Promise<void> {
    const result = await this.hit(bucket, limit, windowSeconds);
    if (!result.allowed) throw rateLimited(result.retryAfterSeconds, message, { limit, windowSeconds });
  }

  /** Writes every in-process count to the database in one statement and learns the shared totals. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.flushing = this.flushPending().finally(() => {
      this.flushing = null;
    });
    await this.flushing;
  }

  /** Flushes what is counted and stops the flush timer (app shutdown). */
  async close(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    await this.flush().catch(() => {});
  }

  private windowCount(bucket: string, windowStartMs: number, windowMs: number): WindowCount {
    const key = `${bucket}\u0000${windowStartMs}`;
    let count = this.windows.get(key);
    if (!count) {
      const created: WindowCount = { bucket, windowStart: new Date(windowStartMs), windowEndMs: windowStartMs + windowMs, shared: 0, pending: 0, inFlight: 0, full: false, loaded: null };
      created.loaded = sql<{ hits: number }>`select hits from rate_limit_counters where bucket = ${bucket} and window_start = ${created.windowStart}`
        .execute(this.db)
        .then((result) => {
          created.shared = Math.max(created.shared, Number(result.rows[0]?.hits ?? 0));
          created.loaded = null;
        })
        .catch((error) => {
          // Not known yet: the next hit of this window asks again.
          this.windows.delete(key);
          throw error;
        });
      count = created;
      this.windows.set(key, count);
    }
    return count;
  }

  /**
   * The shared check: sends this window's unflushed hits plus this one. When the window is already
   * full and nothing is owed, the update's WHERE skips it: the refusal writes nothing. Returns the
   * database total, or null when the update was skipped (full).
   */
  private async countInDatabase(count: WindowCount, limit: number): Promise<number | null> {
    const owed = count.pending;
    const sent = owed + 1;
    count.pending = 0;
    count.inFlight += sent;
    try {
      const result = await sql<{ hits: number }>`
        insert into rate_limit_counters (bucket, window_start, hits) values (${count.bucket}, ${count.windowStart}, ${sent})
        on conflict (bucket, window_start) do update set hits = rate_limit_counters.hits + excluded.hits
        where ${owed} > 0 or rate_limit_counters.hits < ${limit}
        returning hits`.execute(this.db);
      const row = result.rows[0];
      if (!row) return null;
      const hits = Number(row.hits);
      count.shared = Math.max(count.shared, hits);
      return hits;
    } catch (error) {
      count.pending += owed;
      throw error;
    } finally {
      count.inFlight -= sent;
    }
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      // A failed flush keeps its counts pending for the next one.
      this.flush().catch(() => {});
    }, this.flushIntervalMs);
    this.flushTimer.unref();
  }

  private async flushPending(): Promise<void> {
    const nowMs = this.clock.now().getTime();
    const batch: { count: WindowCount; sent: number }[] = [];
    for (const [key, count] of this.windows) {
      if (count.windowEndMs <= nowMs && count.pending === 0 && count.inFlight === 0) {
        this.windows.delete(key);
        continue;
      }
      if (count.pending === 0) continue;
      batch.push({ count, sent: count.pending });
      count.inFlight += count.pending;
      count.pending = 0;
    }
    if (batch.length > 0) {
      const rows = JSON.stringify(batch.map(({ count, sent }) => ({ bucket: count.bucket, window_start: count.windowStart.toISOString(), hits: sent })));
      try {
        const result = await sql<{ bucket: string; window_start: Date | string; hits: number }>`
          insert into rate_limit_counters (bucket, window_start, hits)
          select bucket, window_start, hits from jsonb_to_recordset(${rows}::jsonb) as x(bucket text, window_start timestamptz, hits int)
          on conflict (bucket, window_start) do update set hits = rate_limit_counters.hits + excluded.hits
          returning bucket, window_start, hits`.execute(this.db);
        const totals = new Map(result.rows.map((r) => [`${r.bucket}\u0000${new Date(r.window_start).getTime()}`, Number(r.hits)]));
        for (const { count } of batch) {
          const total = totals.get(`${count.bucket}\u0000${count.windowStart.getTime()}`);
          if (total !== undefined) count.shared = Math.max(count.shared, total);
        }
      } catch (error) {
        for (const { count, sent } of batch) count.pending += sent;
        this.scheduleFlush();
        throw error;
      } finally {
        for (const { count, sent } of batch) count.inFlight -= sent;
      }
    }
    if (nowMs - this.lastPruneMs >= PRUNE_EVERY_MS) {
      this.lastPruneMs = nowMs;
      await this.db
        .deleteFrom('rate_limit_counters')
        .where('window_start', '<', new Date(nowMs - KEEP_WINDOWS_MS))
        .execute()
        .catch(() => {});
    }
  }
}
