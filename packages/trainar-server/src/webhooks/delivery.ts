/**
 * @module Fan-out and delivery jobs. `emitTrainArEvent` stores the envelope in the kit outbox and
 * enqueues `webhooks.fanout` in the same transaction; the fan-out enqueues one `webhooks.deliver`
 * per active endpoint of the event's tenant subscribed to it (and created before it). A delivery
 * signs and POSTs with no transaction open, then in one transaction logs the attempt and either
 * resets the failure count, schedules the next attempt on the kit's retry schedule (a new job, the
 * same envelope and event_id), or counts a failed delivery (kit auto-disable). HTTP failures are
 * outcomes, never thrown; a thrown error (database, undecryptable secret) is retried by the kit.
 */
import { type EndpointTable, enqueueJob, enqueueJobs, type Job, type JobContext, nextAttemptAt, notSentBecauseDisabled, recordExhaustedDelivery, resetDeliveryFailures } from '@platform/kit';
import { sql } from 'kysely';
import type { Envelope } from './envelope';
import { signedRequest } from './envelope';
import type { WebhookService } from './service';

export const FANOUT_JOB = 'webhooks.fanout';
export const DELIVER_JOB = 'webhooks.deliver';
/** Kit-level attempts of one job (infrastructure errors only; HTTP failures follow the retry schedule). */
const JOB_MAX_ATTEMPTS = 5;
const ENDPOINTS: EndpointTable = { table: 'webhook_endpoints', active: 'active', disabled: 'disabled' };

export interface FanoutPayload {
  outboxId: number;
}

export interface DeliverPayload {
  endpointId: string;
  outboxId: number;
  /** 1-based delivery attempt. */
  attempt: number;
}

export const fanoutJob = (outboxId: number) => ({ kind: FANOUT_JOB, payload: { outboxId } satisfies FanoutPayload, dedupeKey: `${FANOUT_JOB}:${outboxId}`, maxAttempts: JOB_MAX_ATTEMPTS });

const deliverJob = (p: DeliverPayload, runAt?: Date) => ({ kind: DELIVER_JOB, payload: p, dedupeKey: `${DELIVER_JOB}:${p.endpointId}:${p.outboxId}:${p.attempt}`, runAt, maxAttempts: JOB_MAX_ATTEMPTS });

interface OutboxRow {
  type: string;
  scope: string | null;
  payload: Envelope;
  created_at: Date;
}

async function outboxEvent(service: WebhookService, outboxId: number): Promise<OutboxRow | undefined> {
  const { rows } = await sql<OutboxRow>`select type, scope, payload, created_at from outbox_events where id = ${outboxId}`.execute(service.db);
  return rows[0];
}

export function fanoutHandler(service: WebhookService) {
  return async (job: Job<FanoutPayload>, ctx: JobContext): Promise<void> => {
    const event = await outboxEvent(service, job.payload.outboxId);
    if (!event?.scope) return; // pruned or not a tenant event: nothing to deliver
    await service.db.transaction().execute(async (trx) => {
      const endpoints = await trx
        .selectFrom('webhook_endpoints')
        .select('id')
        .where('tenant_id', '=', event.scope as string)
        .where('status', '=', 'active')
        .where(sql<boolean>`${event.type} = any(events)`)
        .where('created_at', '<=', new Date(event.created_at))
        .execute();
      await enqueueJobs(
        trx,
        endpoints.map((e) => deliverJob({ endpointId: e.id, outboxId: job.payload.outboxId, attempt: 1 })),
        ctx.clock,
      );
      await ctx.completeIn(trx);
    });
  };
}

export function deliverHandler(service: WebhookService) {
  return async (job: Job<DeliverPayload>, ctx: JobContext): Promise<void> => {
    const p = job.payload;
    const endpoint = await service.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', p.endpointId).executeTakeFirst();
    if (!endpoint) return; // deleted: deliveries stop
    const event = await outboxEvent(service, p.outboxId);
    if (!event) throw new Error(`Outbox event ${p.outboxId} not found`);
    const envelope = event.payload;
    const log = { tenant_id: endpoint.tenant_id, endpoint_id: endpoint.id, delivery_id: `${envelope.event_id}:${endpoint.id}`, event_id: envelope.event_id, event_type: envelope.event, test: false, attempt: p.attempt };

    if (endpoint.status !== 'active') {
      await service.db.transaction().execute(async (trx) => {
        const values = { ...log, outcome: 'failed' as const, status_code: null, error: notSentBecauseDisabled(endpoint.disabled_reason), duration_ms: null, next_retry_at: null, created_at: ctx.clock.now() };
        await trx.insertInto('webhook_deliveries').values(values).execute();
        await ctx.completeIn(trx);
      });
      return;
    }

    const request = signedRequest(service.box.open(endpoint.secret, endpoint.id), envelope, ctx.clock.now());
    const result = await service.sender.send(endpoint.url, request.headers, request.body, { timeoutMs: service.timeoutMs, signal: ctx.signal });

    const now = ctx.clock.now();
    await service.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('webhook_endpoints').select('status').where('id', '=', endpoint.id).executeTakeFirst();
      if (!current) return ctx.completeIn(trx); // deleted while the request was in flight
      const retryAt = !result.ok && current.status === 'active' ? nextAttemptAt(service.retryScheduleMs, p.attempt, now) : null;
      await trx
        .insertInto('webhook_deliveries')
        .values({ ...log, outcome: result.ok ? 'succeeded' : 'failed', status_code: result.statusCode, error: result.error, duration_ms: result.durationMs, next_retry_at: retryAt, created_at: now })
        .execute();
      await trx.updateTable('webhook_endpoints').set({ last_triggered_at: now }).where('id', '=', endpoint.id).execute();
      if (result.ok) await resetDeliveryFailures(trx, ENDPOINTS, endpoint.id);
      else if (retryAt) await enqueueJob(trx, deliverJob({ ...p, attempt: p.attempt + 1 }, retryAt), ctx.clock);
      else if (current.status === 'active') {
        const state = await recordExhaustedDelivery(trx, ENDPOINTS, { id: endpoint.id, threshold: service.disableAfterFailures, attempts: p.attempt, lastError: result.error ?? 'failed', now });
        if (state?.disabled) service.deps.logger.warn({ endpointId: endpoint.id, consecutiveFailures: state.consecutiveFailures }, 'webhook endpoint disabled after consecutive failed deliveries');
      }
      await ctx.completeIn(trx);
    });
  };
}
