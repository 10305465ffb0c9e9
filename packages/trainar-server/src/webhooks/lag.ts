/**
 * @module The webhooks module's part of the outbox lag metric: the oldest event still waiting on
 * this app, i.e. its fan-out job or a first delivery attempt not yet run. Retries wait on the
 * receiver, not on us, so they do not count (failed attempts are `webhook_delivery_failures_total`).
 */
import { type AnyDb, toDate } from '@platform/kit';
import { sql } from 'kysely';
import { DELIVER_JOB, FANOUT_JOB } from './delivery';

export async function oldestUndeliveredWebhookEvent(db: AnyDb): Promise<Date | null> {
  // Only pending and running jobs are read (the jobs table's partial indexes).
  const { rows } = await sql<{ oldest: unknown }>`
    select min(e.created_at) as oldest
    from jobs j join outbox_events e on e.id = (j.payload->>'outboxId')::bigint
    where j.status in ('pending', 'running')
      and (j.kind = ${FANOUT_JOB} or (j.kind = ${DELIVER_JOB} and j.payload->>'attempt' = '1'))`.execute(db);
  return rows[0]?.oldest == null ? null : toDate(rows[0].oldest);
}
