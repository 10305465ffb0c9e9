/**
 * @module Webhook subscriptions: create (URL safety, event types, per-account cap, a `whsec_` secret
 * shown once, delivery starting at the outbox's current high-water mark), list, get, delete, and the
 * per-webhook delivery log with a cursor. Account ids are opaque strings (the organization id).
 */
import { opentrainHasScope } from '@opentrain/api';
import { type ApiError, assertOutboundUrl, badRequest, conflict, forbidden, newId, notFound, UnsafeUrlError } from '@platform/kit';
import { sql } from 'kysely';
import { EVENT_TYPE_SCOPES, isWebhookEventType, WEBHOOK_EVENT_TYPES, type WebhookEventType } from './event-types';
import type { DeliveryOutcome, WebhookStatus, WebhookTables } from './schema';
import { generateWebhookSecret } from './secrets';
import type { WebhooksSettings } from './settings';

export interface WebhookView {
  id: string;
  url: string;
  eventTypes: WebhookEventType[];
  status: WebhookStatus;
  createdAt: string;
  disabledAt: string | null;
  disabledReason: string | null;
}

export interface CreatedWebhook {
  webhook: WebhookView;
  /** The signing secret: returned here and never again. */
  secret: string;
  message: string;
}

export interface DeliveryView {
  /** The log row (cursor order, newest first). */
  id: string;
  deliveryId: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  outcome: DeliveryOutcome;
  statusCode: number | null;
  error: string | null;
  durationMs: number | null;
  nextRetryAt: string | null;
  createdAt: string;
}

export interface CreateWebhookInput {
  url: string;
  eventTypes: string[];
}

type WebhookRow = WebhookTables['ot_webhooks'];

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const DELIVERY_PAGE_DEFAULT = 50;
const DELIVERY_PAGE_MAX = 200;

export class WebhooksService {
  constructor(private readonly s: WebhooksSettings) {}

  /**
   * POST /webhooks. `grantedScopes` (the caller's token scopes), when given, must cover the read
   * scope of every event type (403 otherwise).
   */
  async create(accountId: string, input: CreateWebhookInput, options: { grantedScopes?: readonly string[] } = {}): Promise<CreatedWebhook> {
    const eventTypes = this.validEventTypes(input?.eventTypes);
    if (options.grantedScopes) {
      const required = [...new Set(eventTypes.map((t) => EVENT_TYPE_SCOPES[t]))];
      const missing = required.filter((scope) => !opentrainHasScope(options.grantedScopes ?? [], scope));
      if (missing.length) {
        throw forbidden(`Subscribing to these event types needs ${missing.join(', ')}.`, { requiredScopes: required, grantedScopes: [...options.grantedScopes] });
      }
    }
    let url: URL;
    try {
      url = await assertOutboundUrl(input?.url, this.s.policy);
    } catch (error) {
      if (error instanceof UnsafeUrlError) throw badRequest(error.message, { field: 'url', reason: error.reason });
      throw error;
    }
    const now = this.s.clock.now();
    const id = newId('wh', now);
    const secret = generateWebhookSecret();
    const max = this.s.maxWebhooksPerAccount;
    const row = await this.s.db.transaction().execute(async (trx) => {
      // Serialises creations per account so the cap holds under concurrency (no accounts table to lock).
      await sql`select pg_advisory_xact_lock(hashtext(${`ot_webhooks:${accountId}`}))`.execute(trx);
      const { n } = await trx.selectFrom('ot_webhooks').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
      if (Number(n) >= max) {
        throw conflict(`This account already has ${max} webhooks; delete one first.`, { reason: 'webhook_limit_reached', limit: max, count: Number(n) });
      }
      // High-water mark: events of transactions already committed (or that took their id before
      // this one) are never sent; only events of later transactions are.
      return trx
        .insertInto('ot_webhooks')
        .values({
          id,
          account_id: accountId,
          url: url.href,
          event_types: sql<string[]>`${sql.val(eventTypes)}::text[]`,
          secret: this.s.box.seal(secret, id),
          status: 'ACTIVE',
          start_tx_id: sql<string>`greatest(pg_current_xact_id(), (select tx_id from outbox_events order by tx_id desc, id desc limit 1))`,
          consecutive_failures: 0,
          created_at: now,
          disabled_at: null,
          disabled_reason: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return { webhook: view(row), secret, message: 'Store this signing secret now: it is shown only once. Verify X-OpenTrain-Signature with it.' };
  }

  /** GET /webhooks (not paginated: at most maxWebhooksPerAccount). */
  async list(accountId: string): Promise<WebhookView[]> {
    const rows = await this.s.db.selectFrom('ot_webhooks').selectAll().where('account_id', '=', accountId).orderBy('created_at').orderBy('id').execute();
    return rows.map(view);
  }

  /** GET /webhooks/{id}; another account's webhook is a 404. Never returns the secret. */
  async get(accountId: string, webhookId: string): Promise<WebhookView> {
    return view(await this.row(accountId, webhookId));
  }

  /** DELETE /webhooks/{id}: deliveries stop (queued ones are dropped when they run) and the log is removed. */
  async delete(accountId: string, webhookId: string): Promise<{ webhook: WebhookView; deleted: true }> {
    const row = await this.s.db.deleteFrom('ot_webhooks').where('id', '=', webhookId).where('account_id', '=', accountId).returningAll().executeTakeFirst();
    if (!row) throw this.notFound(webhookId);
    return { webhook: view(row), deleted: true };
  }

  /** The delivery log, one row per attempt, newest first; pass nextCursor back as cursor. */
  async listDeliveries(accountId: string, webhookId: string, options: { cursor?: string | null; limit?: number } = {}): Promise<{ deliveries: DeliveryView[]; nextCursor: string | null }> {
    await this.row(accountId, webhookId);
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? DELIVERY_PAGE_DEFAULT), 1), DELIVERY_PAGE_MAX);
    const cursor = options.cursor ?? null;
    if (cursor !== null && !/^\d{1,19}$/.test(cursor)) throw badRequest('cursor is not a value returned as nextCursor.', { field: 'cursor' });
    let query = this.s.db.selectFrom('ot_webhook_deliveries').selectAll().where('webhook_id', '=', webhookId);
    if (cursor !== null) query = query.where('id', '<', cursor);
    const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    return {
      deliveries: page.map((r) => ({
        id: String(r.id),
        deliveryId: r.delivery_id,
        webhookId: r.webhook_id,
        eventId: String(r.event_id),
        eventType: r.event_type,
        attempt: r.attempt,
        outcome: r.outcome,
        statusCode: r.status_code,
        error: r.error,
        durationMs: r.duration_ms,
        nextRetryAt: iso(r.next_retry_at),
        createdAt: iso(r.created_at) as string,
      })),
      nextCursor: rows.length > limit ? String(page[page.length - 1].id) : null,
    };
  }

  private async row(accountId: string, webhookId: string): Promise<WebhookRow> {
    const row = await this.s.db.selectFrom('ot_webhooks').selectAll().where('id', '=', webhookId).where('account_id', '=', accountId).executeTakeFirst();
    if (!row) throw this.notFound(webhookId);
    return row;
  }

  private notFound(webhookId: string): ApiError {
    return notFound(`No webhook ${webhookId} in this account.`, { resource: 'webhooks', webhookId });
  }

  private validEventTypes(value: unknown): WebhookEventType[] {
    if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) {
      throw badRequest('eventTypes must be a non-empty array of event type names.', { field: 'eventTypes', supportedEventTypes: [...WEBHOOK_EVENT_TYPES] });
    }
    const unique = [...new Set(value as string[])];
    const unknownEventTypes = unique.filter((t) => !isWebhookEventType(t));
    if (unknownEventTypes.length) {
      throw badRequest(`Unknown event type${unknownEventTypes.length > 1 ? 's' : ''}: ${unknownEventTypes.join(', ')}.`, {
        field: 'eventTypes',
        unknownEventTypes,
        supportedEventTypes: [...WEBHOOK_EVENT_TYPES],
      });
    }
    return unique as WebhookEventType[];
  }
}

function view(row: WebhookRow): WebhookView {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.event_types as WebhookEventType[],
    status: row.status,
    createdAt: iso(row.created_at) as string,
    disabledAt: iso(row.disabled_at),
    disabledReason: row.disabled_reason,
  };
}
