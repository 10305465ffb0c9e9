/**
 * @module One delivery attempt (job `webhooks.deliver`): read the webhook and the event (one query),
 * sign, POST (no transaction open), then in one transaction log the attempt (a success: one statement
 * plus the job's completion), schedule the next attempt on the
 * fixed retry schedule (a new job with the same delivery id, due at clock + delay) or count a failed
 * delivery (disabling the webhook after N in a row), and complete the job.
 *
 * HTTP failures never throw: they are outcomes. A thrown error (database, undecryptable secret) is
 * an infrastructure failure retried by the kit's backoff without counting against the receiver.
 */
import { type EndpointTable, enqueueJob, type Job, type JobContext, killPoint, nextAttemptAt, notSentBecauseDisabled, recordExhaustedDelivery } from '@platform/kit';
import { sql, type Transaction } from 'kysely';
import { toEventRecord } from './event-types';
import { DELIVER_JOB, type DeliverPayload, deliverJob } from './fanout';
import type { WebhookTables } from './schema';
import type { WebhooksSettings } from './settings';
import { signatureHeader } from './signature';

export const USER_AGENT = 'OpenTrain-Webhooks/1.0';
/** The kit's retry and auto-disable policy works on this table. */
const ENDPOINTS: EndpointTable = { table: 'ot_webhooks', active: 'ACTIVE', disabled: 'DISABLED' };

/** The request headers of a delivery (spec 3.9). */
export const DELIVERY_HEADERS = {
  event: 'X-OpenTrain-Event',
  eventId: 'X-OpenTrain-Event-Id',
  delivery: 'X-OpenTrain-Delivery',
  timestamp: 'X-OpenTrain-Timestamp',
  signature: 'X-OpenTrain-Signature',
} as const;

interface EventRow {
  id: unknown;
  type: string;
  payload: unknown;
  created_at: unknown;
}

export function deliverHandler(s: WebhooksSettings) {
  return async (job: Job<DeliverPayload>, ctx: JobContext): Promise<void> => {
    const p = job.payload;
    // One round trip: the webhook and the event.
    const hook = await s.db
      .selectFrom('ot_webhooks as w')
      .selectAll('w')
      .select(sql<EventRow | null>`(select row_to_json(e) from (select id, type, payload, created_at from outbox_events where id = ${p.eventId}) e)`.as('event'))
      .where('w.id', '=', p.webhookId)
      .executeTakeFirst();
    if (!hook) return; // deleted: deliveries stop and its history is gone
    const row = hook.event;
    if (!row) throw new Error(`Outbox event ${p.eventId} not found`);
    const event = toEventRecord({ id: Number(row.id), type: row.type, payload: row.payload, createdAt: new Date(row.created_at as string | Date) });
    const logBase = { delivery_id: p.deliveryId, webhook_id: hook.id, event_id: p.eventId, event_type: event.type, attempt: p.attempt };

    if (hook.status !== 'ACTIVE') {
      await s.db.transaction().execute(async (trx) => {
        const why = notSentBecauseDisabled(hook.disabled_reason);
        await trx.insertInto('ot_webhook_deliveries').values({ ...logBase, outcome: 'failed', status_code: null, error: why, duration_ms: null, next_retry_at: null, created_at: s.clock.now() }).execute();
        await ctx.completeIn(trx);
      });
      return;
    }

    const secret = s.box.open(hook.secret, hook.id);
    const body = JSON.stringify(event);
    const timestamp = Math.floor(s.clock.now().getTime() / 1000);
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': USER_AGENT,
      [DELIVERY_HEADERS.event]: event.type,
      [DELIVERY_HEADERS.eventId]: event.id,
      [DELIVERY_HEADERS.delivery]: p.deliveryId,
      [DELIVERY_HEADERS.timestamp]: String(timestamp),
      [DELIVERY_HEADERS.signature]: signatureHeader(secret, timestamp, body),
    };
    const result = await s.sender.send(hook.url, headers, body, { timeoutMs: s.timeoutMs, signal: ctx.signal });
    killPoint('opentrain.webhook.after-send');

    const now = s.clock.now();
    if (result.ok) {
      await s.db.transaction().execute(async (trx) => {
        // One statement: reset the failure count (any success does) and log the attempt, both only
        // while the webhook exists (deleted in flight: nothing to log). No row lock: concurrent
        // deliveries to one webhook must not queue behind each other.
        await sql`with reset as (update ot_webhooks set consecutive_failures = 0 where id = ${hook.id} and consecutive_failures <> 0)
          insert into ot_webhook_deliveries (delivery_id, webhook_id, event_id, event_type, attempt, outcome, status_code, error, duration_ms, next_retry_at, created_at)
          select ${p.deliveryId}, id, ${p.eventId}, ${event.type}, ${p.attempt}, 'succeeded', ${result.statusCode}, null, ${result.durationMs}, null, ${now}::timestamptz
          from ot_webhooks where id = ${hook.id}`.execute(trx);
        await ctx.completeIn(trx);
      });
      return;
    }
    await s.db.transaction().execute(async (trx) => {
      // No row lock: concurrent deliveries to one webhook must not queue behind each other (the
      // failure count is one atomic UPDATE). A deletion racing the log insert fails its foreign
      // key; the job is retried by the kit and then finds no webhook.
      const current = await trx.selectFrom('ot_webhooks').select(['status', 'consecutive_failures']).where('id', '=', hook.id).executeTakeFirst();
      if (!current) {
        await ctx.completeIn(trx); // deleted while the request was in flight
        return;
      }
      const retryAt = !result.ok && current.status === 'ACTIVE' ? nextAttemptAt(s.retryScheduleMs, p.attempt, now) : null;
      await trx
        .insertInto('ot_webhook_deliveries')
        .values({
          ...logBase,
          outcome: result.ok ? 'succeeded' : 'failed',
          status_code: result.statusCode,
          error: result.error,
          duration_ms: result.durationMs,
          next_retry_at: retryAt,
          created_at: now,
        })
        .execute();
      if (result.ok) {
        if (current.consecutive_failures > 0) await trx.updateTable('ot_webhooks').set({ consecutive_failures: 0 }).where('id', '=', hook.id).where('consecutive_failures', '<>', 0).execute();
      } else if (retryAt) {
        const next: DeliverPayload = { ...p, attempt: p.attempt + 1 };
        await enqueueJob(trx, deliverJob(next, `${DELIVER_JOB}:${p.deliveryId}:${next.attempt}`, retryAt), s.clock);
      } else if (current.status === 'ACTIVE') {
        await countFailedDelivery(s, trx, hook.id, p.attempt, result.error ?? 'failed', now);
      }
      await ctx.completeIn(trx);
    });
  };
}

/** One more delivery failed every attempt: count it, and disable the webhook at the threshold (kit policy). */
async function countFailedDelivery(s: WebhooksSettings, trx: Transaction<WebhookTables>, webhookId: string, attempts: number, lastError: string, now: Date) {
  const state = await recordExhaustedDelivery(trx, ENDPOINTS, { id: webhookId, threshold: s.disableAfterFailures, attempts, lastError, now });
  if (state?.disabled) s.logger.warn({ webhookId, consecutiveFailures: state.consecutiveFailures, lastError }, 'webhook disabled after consecutive failed deliveries');
}
