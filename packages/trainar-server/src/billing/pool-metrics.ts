/**
 * @module The minute pool in Prometheus (docs/metrics.md). One series per tenant would grow with
 * every signup, so tenants are counted by the exhaustion policy's bands instead (the ones an
 * operator acts on: out of minutes, under WARN_MINUTES, fine), beside the total remaining. Read at
 * scrape time with one aggregate over `billing_accounts` (one row per tenant that has used its pool).
 */
import { type AppMetrics, toNumber } from '@platform/kit';
import { sql } from 'kysely';
import type { TrainArDb } from '../platform/db';
import { WARN_MINUTES } from './pool';

export function registerMinutePoolMetrics(metrics: AppMetrics, db: TrainArDb): void {
  const tenants = metrics.gauge({
    name: 'trainar_minute_pool_tenants',
    help: `Tenants with a minute pool, by remaining minutes: exhausted (<= 0, new sessions refused), low (under ${WARN_MINUTES}, wearers warned), ok.`,
    labelNames: ['band'],
  });
  const remaining = metrics.gauge({ name: 'trainar_minute_pool_remaining_minutes', help: 'Remaining minutes summed over every tenant (included + purchased; overdrafts count negative).' });
  metrics.onScrape('trainar_minute_pool', async () => {
    try {
      const { rows } = await sql<{ exhausted: number; low: number; ok: number; remaining: unknown }>`
        select count(*) filter (where r <= 0)::int as exhausted,
               count(*) filter (where r > 0 and r < ${WARN_MINUTES})::int as low,
               count(*) filter (where r >= ${WARN_MINUTES})::int as ok,
               coalesce(sum(r), 0)::float8 as remaining
        from (select included_minutes + purchased_minutes as r from billing_accounts) pools`.execute(db);
      const row = rows[0];
      tenants.labels('exhausted').set(row.exhausted);
      tenants.labels('low').set(row.low);
      tenants.labels('ok').set(row.ok);
      remaining.set(toNumber(row.remaining));
    } catch (err) {
      tenants.reset();
      remaining.set(Number.NaN);
      throw err;
    }
  });
}
