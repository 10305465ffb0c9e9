/**
 * @module Fan-out: one global cursor over the kit outbox. Each pass (job `webhooks.fanout`), in one
 * transaction, reads the next committed events of the 8 webhook types (readEvents: commit-order
 * safe), enqueues one `webhooks.deliver` job per (active webhook of the event's account subscribed
 * to its type and created before it) with dedupe key `webhooks.deliver:<webhook>:<event>`, moves the
 * cursor, enqueues the next pass and completes itself — all or nothing, so every pair is enqueued
 * exactly once. Passes form a chain: each carries a generation, and only the pass holding the
 * current generation works (a stale or duplicate one completes without effect).
 */
import { type EnqueueJobInput, enqueueJob, enqueueJobs, type Job, type JobContext, newId, readEvents } from '@platform/kit';
import { sql, type Transaction } from 'kysely';
import { WEBHOOK_EVENT_TYPES } from './event-types';
import type { WebhookTables } from './schema';
import type { WebhooksSettings } from './settings';

export const FANOUT_JOB = 'webhooks.fanout';
export const DELIVER_JOB = 'webhooks.deliver';

export interface FanoutPayload {
  generation: number;
}

export interface DeliverPayload {
  /** Stable across attempts: the receiver's dedupe key (`X-OpenTrain-Delivery`). */
  deliveryId: string;
  webhookId: string;
  eventId: number;
  /** 1-based delivery attempt (not the kit job's attempt). */
  attempt: number;
}

/** Kit-level attempts of one deliver job (infrastructure errors only; HTTP failures are retried by schedule). */
export const DELIVER_JOB_MAX_ATTEMPTS = 5;
/** The fan-out chain must not die of a transient database error: retried with the kit backoff (≤ 10 min). */
const FANOUT_JOB_MAX_ATTEMPTS = 10_000;
const MAX_ID = '9223372036854775807';
/** Deliveries per insert statement (9 parameters each, far below PostgreSQL's 65,535). */
const ENQUEUE_CHUNK = 500;

type Trx = Transaction<WebhookTables>;

const lockFanout = (trx: Trx) => sql`select pg_advisory_xact_lock(hashtext('opentrain.webhooks.fanout'))`.execute(trx);
const fanoutKey = (generation: number) => `${FANOUT_JOB}:${generation}`;

export function deliverJob(payload: DeliverPayload, dedupeKey: string, runAt?: Date): EnqueueJobInput<DeliverPayload> {
  return { kind: DELIVER_JOB, payload, dedupeKey, runAt, maxAttempts: DELIVER_JOB_MAX_ATTEMPTS };
}

/**
 * Makes sure the fan-out chain has a pending pass (call at start-up; idempotent, safe from several
 * instances at once). Restarts the chain if its pass died.
 */
export async function ensureFanout(s: WebhooksSettings): Promise<void> {
  await s.db.transaction().execute(async (trx) => {
    await lockFanout(trx);
    const state = await trx.selectFrom('ot_webhook_fanout_state').select('generation').where('id', '=', 1).executeTakeFirstOrThrow();
    let generation = Number(state.generation);
    const { rows } = await sql<{ status: string }>`select status from jobs where dedupe_key = ${fanoutKey(generation)}`.execute(trx);
    const status = rows[0]?.status;
    if (status === 'pending' || status === 'running') return;
    if (status !== undefined) {
      generation += 1;
      await trx.updateTable('ot_webhook_fanout_state').set({ generation, updated_at: s.clock.now() }).where('id', '=', 1).execute();
    }
    await enqueueJob(trx, { kind: FANOUT_JOB, payload: { generation }, dedupeKey: fanoutKey(generation), maxAttempts: FANOUT_JOB_MAX_ATTEMPTS }, s.clock);
  });
}

type Position = readonly [tx: bigint, id: bigint];
const parsePosition = (p: string): Position => {
  const [tx, id] = p.split('.');
  return [BigInt(tx), BigInt(id)];
};
const before = (a: Position, b: Position) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/**
 * Where reading can start without missing anything a webhook wants: events at or before the readable
 * head are wanted by no webhook created later, and none before the oldest active webhook's start.
 */
async function skipAhead(trx: Trx, position: string | null): Promise<string | null> {
  const { rows } = await sql<{ min_start: string | null; head: string | null }>`
    select (select min(start_tx_id) from ot_webhooks where status = 'ACTIVE')::text as min_start,
           (select tx_id::text || '.' || id::text from outbox_events
             where tx_id < pg_snapshot_xmin(pg_current_snapshot()) order by tx_id desc, id desc limit 1) as head`.execute(trx);
  const { min_start: minStart, head } = rows[0];
  if (head === null) return position;
  let floor = head;
  if (minStart !== null && before(parsePosition(`${minStart}.${MAX_ID}`), parsePosition(head))) floor = `${minStart}.${MAX_ID}`;
  return position === null || before(parsePosition(position), parsePosition(floor)) ? floor : position;
}

export function fanoutHandler(s: WebhooksSettings) {
  return async (job: Job<FanoutPayload>, ctx: JobContext): Promise<void> => {
    await s.db.transaction().execute(async (trx) => {
      await lockFanout(trx);
      const state = await trx.selectFrom('ot_webhook_fanout_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
      const generation = Number(state.generation);
      if (generation !== job.payload.generation) {
        await ctx.completeIn(trx); // a stale link of the chain: the current generation's pass does the work
        return;
      }
      // Reads first: a write would give this transaction an id, holding the read horizon below it.
      const start = await skipAhead(trx, state.position);
      const page = await readEvents(trx, { after: start, types: [...WEBHOOK_EVENT_TYPES], limit: s.fanoutBatchSize });
      const scopes = [...new Set(page.events.map((e) => e.scope).filter((v): v is string => v !== null))];
      const hooks = scopes.length
        ? await trx
            .selectFrom('ot_webhooks')
            .select(['id', 'account_id', 'event_types', sql<string>`start_tx_id::text`.as('start')])
            .where('status', '=', 'ACTIVE')
            .where('account_id', 'in', scopes)
            .execute()
        : [];
      const now = s.clock.now();
      const deliveries: EnqueueJobInput<DeliverPayload>[] = [];
      for (const event of page.events) {
        const [tx] = parsePosition(event.position);
        for (const hook of hooks) {
          if (hook.account_id !== event.scope || !hook.event_types.includes(event.type) || BigInt(hook.start) >= tx) continue;
          const payload: DeliverPayload = { deliveryId: newId('whd', now), webhookId: hook.id, eventId: event.id, attempt: 1 };
          deliveries.push(deliverJob(payload, `${DELIVER_JOB}:${hook.id}:${event.id}`));
        }
      }
      // Event order is kept: ids are assigned in this order, and workers claim by (run_at, id).
      for (let i = 0; i < deliveries.length; i += ENQUEUE_CHUNK) await enqueueJobs(trx, deliveries.slice(i, i + ENQUEUE_CHUNK), s.clock);
      const next = generation + 1;
      await trx.updateTable('ot_webhook_fanout_state').set({ position: page.position ?? start, generation: next, updated_at: now }).where('id', '=', 1).execute();
      const full = page.events.length === s.fanoutBatchSize;
      await enqueueJob(
        trx,
        { kind: FANOUT_JOB, payload: { generation: next }, dedupeKey: fanoutKey(next), maxAttempts: FANOUT_JOB_MAX_ATTEMPTS, runAt: full ? now : new Date(now.getTime() + s.fanoutIntervalMs) },
        s.clock,
      );
      // Finished links of the chain are noise (one per pass): drop the previous one, by its unique
      // key. Its key is never enqueued again: generations only grow.
      await sql`delete from jobs where dedupe_key = ${fanoutKey(generation - 1)} and status = 'done'`.execute(trx);
      await ctx.completeIn(trx);
    });
  };
}
