/**
 * @module The webhooks module's part of the outbox lag metric: the oldest event still waiting on
 * this app, i.e. wanted by an active webhook but not yet fanned out (past the fan-out cursor), or
 * fanned out with its first delivery attempt not yet made. Retries wait on the receiver, not on us,
 * so they do not count (failed attempts are `webhook_delivery_failures_total`).
 */
import { type AnyDb, toDate } from '@platform/kit';
import { sql } from 'kysely';
import { WEBHOOK_EVENT_TYPES } from './event-types';
import { DELIVER_JOB } from './fanout';

export async function oldestUndeliveredWebhookEvent(db: AnyDb): Promise<Date | null> {
  // Past the cursor only few events exist (each pass moves it to the head); jobs are read through
  // their pending/running partial indexes.
  const { rows } = await sql<{ oldest: unknown }>`
    select min(created_at) as oldest from (
      (select e.created_at from outbox_events e cross join ot_webhook_fanout_state s
        where s.id = 1
          and e.type in (${sql.join([...WEBHOOK_EVENT_TYPES])})
          and (s.position is null or (e.tx_id, e.id) > (split_part(s.position, '.', 1)::xid8, split_part(s.position, '.', 2)::bigint))
          and exists (select 1 from ot_webhooks w
                       where w.status = 'ACTIVE' and w.account_id = e.scope and e.type = any (w.event_types) and w.start_tx_id < e.tx_id)
        order by e.tx_id, e.id limit 1)
      union all
      (select e.created_at from jobs j join outbox_events e on e.id = (j.payload->>'eventId')::bigint
        where j.status in ('pending', 'running') and j.kind = ${DELIVER_JOB} and j.payload->>'attempt' = '1')
    ) waiting`.execute(db);
  return rows[0]?.oldest == null ? null : toDate(rows[0].oldest);
}
