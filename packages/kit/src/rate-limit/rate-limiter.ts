/**
 * @module Fixed-window rate limits counted in the database, so every app instance shares one
 * count (no in-process state that matters). Time comes from the injected clock.
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

export class RateLimiter {
  constructor(
    private readonly db: AnyDb,
    private readonly clock: Clock,
  ) {}

  /** Counts one hit against `bucket` (e.g. `ip:1.2.3.4:register`) in a window of `windowSeconds`. */
  async hit(bucket: string, limit: number, windowSeconds: number): Promise<RateLimitResult> {
    const nowMs = this.clock.now().getTime();
    const windowMs = windowSeconds * 1000;
    const windowStart = new Date(Math.floor(nowMs / windowMs) * windowMs);
    const row = await sql<{ hits: number }>`
      insert into rate_limit_counters (bucket, window_start, hits) values (${bucket}, ${windowStart}, 1)
      on conflict (bucket, window_start) do update set hits = rate_limit_counters.hits + 1
      returning hits`.execute(this.db);
    const hits = Number(row.rows[0].hits);
    const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - nowMs) / 1000));
    if (Math.random() < 0.01) void this.prune(new Date(nowMs - 24 * 3600_000));
    return { allowed: hits <= limit, remaining: Math.max(0, limit - hits), retryAfterSeconds };
  }

  /** Throws 429 (with retryAfterSeconds and Retry-After) when over the limit. */
  async enforce(bucket: string, limit: number, windowSeconds: number, message?: string): Promise<void> {
    const result = await this.hit(bucket, limit, windowSeconds);
    if (!result.allowed) throw rateLimited(result.retryAfterSeconds, message, { limit, windowSeconds });
  }

  private async prune(before: Date): Promise<void> {
    await this.db.deleteFrom('rate_limit_counters').where('window_start', '<', before).execute().catch(() => {});
  }
}
