/**
 * @module Per-account daily publish limit (spec §1.3: 20 per rolling 24 h for claimed accounts, 3
 * for unclaimed). Counted from the PUBLISHED entries of the change log, inside the publishing
 * transaction after the account row is locked, so concurrent publishes cannot overshoot.
 */
import { rateLimited } from '@platform/kit';
import { sql } from 'kysely';
import type { JobsTrx } from './db';

export const PUBLISH_WINDOW_HOURS = 24;

export interface PublishLimits {
  claimed: number;
  unclaimed: number;
}

export const DEFAULT_PUBLISH_LIMITS: PublishLimits = {
  claimed: 20,
  unclaimed: 3,
};

export async function enforcePublishLimit(trx: JobsTrx, organizationId: string, claimed: boolean, limits: PublishLimits, now: Date): Promise<void> {
  await trx.selectFrom('ot_organizations').select('id').where('id', '=', organizationId).forUpdate().execute();
  const windowStart = new Date(now.getTime() - PUBLISH_WINDOW_HOURS * 3600_000);
  const row = await trx
    .selectFrom('ot_job_changes')
    .select([sql<string>`count(*)`.as('count'), sql<Date | null>`min(occurred_at)`.as('oldest')])
    .where('organization_id', '=', organizationId)
    .where('event_type', '=', 'PUBLISHED')
    .where('occurred_at', '>', windowStart)
    .executeTakeFirstOrThrow();
  const limit = claimed ? limits.claimed : limits.unclaimed;
  if (Number(row.count) < limit) return;
  const oldest = row.oldest ? new Date(row.oldest).getTime() : now.getTime();
  const retryAfterSeconds = Math.max(1, Math.ceil((oldest + PUBLISH_WINDOW_HOURS * 3600_000 - now.getTime()) / 1000));
  const hint = claimed ? '' : ' Unclaimed accounts may publish 3 jobs a day; a human claiming the account raises it to 20.';
  throw rateLimited(retryAfterSeconds, `Daily publish limit reached (${limit} jobs per ${PUBLISH_WINDOW_HOURS} hours).${hint}`, {
    reason: 'publish_limit_reached',
    limit,
    windowHours: PUBLISH_WINDOW_HOURS,
  });
}
