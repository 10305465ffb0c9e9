/**
 * @module Webhook endpoints of a tenant (spec 2.13, 4.5): create (URL checked by the kit's SSRF
 * guard, a Standard Webhooks `whsec_` secret shown once and sealed at rest), list, get, update
 * (re-enabling resets the failure count), source-scoped delete, the delivery log, and "send test".
 * Deliveries themselves run as jobs (delivery.ts). Every query is filtered by tenant_id.
 */
import {
  assertOutboundUrl,
  badRequest,
  createSecretBox,
  createWebhookSender,
  DEFAULT_DELIVERY_TIMEOUT_MS,
  DEFAULT_DISABLE_AFTER_FAILURES,
  DEFAULT_RETRY_SCHEDULE_MS,
  generateStandardWebhookSecret,
  notFound,
  observeDeliveries,
  type SecretBox,
  sendTestDelivery,
  systemResolver,
  type TestDeliveryResult,
  UnsafeUrlError,
  type UrlPolicy,
  validateRetrySchedule,
  type WebhookSender,
} from '@platform/kit';
import type { WebhookEndpoint, WebhookEvent, WebhookSource } from '@trainar/api';
import { type Selectable, sql } from 'kysely';
import { iso } from '../platform/db';
import type { ServiceDeps } from '../platform/deps';
import { signedRequest, testEnvelope } from './envelope';
import type { WebhookDb, WebhookDeliveriesTable, WebhookEndpointsTable } from './migrations';

/** Endpoints per tenant: enough for every integration, small enough that fan-out stays one query. */
export const MAX_ENDPOINTS_PER_TENANT = 25;

export interface DeliveryView {
  id: string;
  event_id: string;
  event: string;
  test: boolean;
  attempt: number;
  outcome: 'succeeded' | 'failed';
  status_code: number | null;
  error: string | null;
  duration_ms: number | null;
  next_retry_at: string | null;
  created_at: string;
}

export function presentEndpoint(row: WebhookEndpointsTable): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    source: row.source,
    is_active: row.status === 'active',
    created_at: iso(row.created_at) as string,
    updated_at: iso(row.updated_at) as string,
    last_triggered_at: iso(row.last_triggered_at),
    failure_count: row.consecutive_failures,
    disabled_at: iso(row.disabled_at),
    disabled_reason: row.disabled_reason,
  };
}

function presentDelivery(row: Selectable<WebhookDeliveriesTable>): DeliveryView {
  return {
    id: String(row.id),
    event_id: row.event_id,
    event: row.event_type,
    test: row.test,
    attempt: row.attempt,
    outcome: row.outcome,
    status_code: row.status_code,
    error: row.error,
    duration_ms: row.duration_ms,
    next_retry_at: iso(row.next_retry_at),
    created_at: iso(row.created_at) as string,
  };
}

export class WebhookService {
  readonly db: WebhookDb;
  readonly box: SecretBox;
  readonly policy: UrlPolicy;
  readonly sender: WebhookSender;
  readonly retryScheduleMs: readonly number[];
  readonly disableAfterFailures: number;
  readonly timeoutMs: number;

  constructor(readonly deps: ServiceDeps) {
    const s = deps.settings;
    this.db = deps.db as unknown as WebhookDb;
    this.box = createSecretBox({ masterKey: s.webhookSecretKey, previousKeys: s.previousSecretKeys, keyName: 'TRAINAR_SECRET_KEY', salt: 'trainar', info: 'trainar webhook secrets v1' });
    this.policy = { allow: s.webhookUrlAllowance, resolve: systemResolver };
    this.sender = observeDeliveries(createWebhookSender(this.policy), s.onWebhookDelivery);
    this.retryScheduleMs = validateRetrySchedule(s.webhookRetryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS);
    this.disableAfterFailures = s.webhookDisableAfterFailures ?? DEFAULT_DISABLE_AFTER_FAILURES;
    this.timeoutMs = s.webhookTimeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
  }

  async create(tenantId: string, input: { url: string; events: WebhookEvent[]; source: WebhookSource }): Promise<WebhookEndpoint & { secret: string }> {
    const url = await this.checkedUrl(input.url);
    const now = this.deps.clock.now();
    const id = crypto.randomUUID();
    const secret = generateStandardWebhookSecret();
    const row = await this.db.transaction().execute(async (trx) => {
      // Serialises creations per tenant so the cap holds under concurrency.
      await sql`select id from tenants where id = ${tenantId} for update`.execute(trx);
      const { n } = await trx
        .selectFrom('webhook_endpoints')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_ENDPOINTS_PER_TENANT) {
        throw badRequest(`This tenant already has ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints; delete one first (delete_webhook).`, { field: 'url', limit: MAX_ENDPOINTS_PER_TENANT });
      }
      return trx
        .insertInto('webhook_endpoints')
        .values({
          id,
          tenant_id: tenantId,
          url,
          events: sql<string[]>`${sql.val([...new Set(input.events)])}::text[]` as never,
          source: input.source,
          secret: this.box.seal(secret, id),
          status: 'active',
          consecutive_failures: 0,
          created_at: now,
          updated_at: now,
          last_triggered_at: null,
          disabled_at: null,
          disabled_reason: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return { ...presentEndpoint(row), secret };
  }

  /** Every endpoint, oldest first; `hideZapier` for the dashboard (Zapier manages its own). */
  async list(tenantId: string, options: { hideZapier?: boolean } = {}): Promise<{ webhooks: WebhookEndpoint[]; total: number }> {
    let query = this.db.selectFrom('webhook_endpoints').selectAll().where('tenant_id', '=', tenantId);
    if (options.hideZapier) query = query.where('source', '<>', 'zapier');
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return { webhooks: rows.map(presentEndpoint), total: rows.length };
  }

  async get(tenantId: string, endpointId: string): Promise<WebhookEndpoint> {
    return presentEndpoint(await this.row(tenantId, endpointId));
  }

  async update(tenantId: string, endpointId: string, input: { url?: string; events?: WebhookEvent[]; is_active?: boolean }): Promise<WebhookEndpoint> {
    const current = await this.row(tenantId, endpointId);
    const url = input.url === undefined ? current.url : await this.checkedUrl(input.url);
    const now = this.deps.clock.now();
    const reenable = input.is_active === true && current.status !== 'active';
    const disable = input.is_active === false && current.status === 'active';
    const row = await this.db
      .updateTable('webhook_endpoints')
      .set({
        url,
        ...(input.events ? { events: sql<string[]>`${sql.val([...new Set(input.events)])}::text[]` as never } : {}),
        ...(reenable ? { status: 'active', consecutive_failures: 0, disabled_at: null, disabled_reason: null } : {}),
        ...(disable ? { status: 'disabled', disabled_at: now, disabled_reason: 'Disabled by hand' } : {}),
        updated_at: now,
      })
      .where('id', '=', endpointId)
      .where('tenant_id', '=', tenantId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw this.notFound(endpointId);
    return presentEndpoint(row);
  }

  /** Deletes the endpoint (and its log); with `source`, only an endpoint that source created (n8n's `_source`). */
  async delete(tenantId: string, endpointId: string, options: { source?: WebhookSource } = {}): Promise<{ deleted: true; id: string }> {
    let query = this.db.deleteFrom('webhook_endpoints').where('id', '=', endpointId).where('tenant_id', '=', tenantId);
    if (options.source) query = query.where('source', '=', options.source);
    const row = await query.returning('id').executeTakeFirst();
    if (!row) throw this.notFound(endpointId, options.source);
    return { deleted: true, id: row.id };
  }

  /** The delivery log, one row per attempt, newest first. */
  async listDeliveries(tenantId: string, endpointId: string, options: { limit?: number } = {}): Promise<DeliveryView[]> {
    await this.row(tenantId, endpointId);
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 200);
    const rows = await this.db.selectFrom('webhook_deliveries').selectAll().where('tenant_id', '=', tenantId).where('endpoint_id', '=', endpointId).orderBy('id', 'desc').limit(limit).execute();
    return rows.map(presentDelivery);
  }

  /** "Send test": one signed sample envelope now (no retries, failures not counted), logged as a test. */
  async sendTest(tenantId: string, endpointId: string): Promise<TestDeliveryResult & { event_id: string }> {
    const row = await this.row(tenantId, endpointId);
    const now = this.deps.clock.now();
    const envelope = testEnvelope((row.events[0] ?? 'task.created') as WebhookEvent, now);
    const request = signedRequest(this.box.open(row.secret, row.id), envelope, now);
    const result = await sendTestDelivery(this.sender, row.url, request.headers, request.body, { timeoutMs: this.timeoutMs });
    await this.db
      .insertInto('webhook_deliveries')
      .values({
        tenant_id: tenantId,
        endpoint_id: row.id,
        delivery_id: envelope.event_id,
        event_id: envelope.event_id,
        event_type: envelope.event,
        test: true,
        attempt: 1,
        outcome: result.ok ? 'succeeded' : 'failed',
        status_code: result.statusCode,
        error: result.error,
        duration_ms: result.durationMs,
        next_retry_at: null,
        created_at: this.deps.clock.now(),
      })
      .execute();
    return { ...result, event_id: envelope.event_id };
  }

  close(): void {
    this.sender.close();
  }

  private async checkedUrl(raw: string): Promise<string> {
    try {
      return (await assertOutboundUrl(raw, this.policy)).href;
    } catch (error) {
      if (error instanceof UnsafeUrlError) {
        const hint = error.reason === 'private_address' || error.reason === 'https_required' ? ' Use a public https URL (self-hosted: set ALLOW_PRIVATE_WEBHOOK_URLS=1).' : '';
        throw badRequest(`${error.message}${hint}`, { field: 'url', reason: error.reason });
      }
      throw error;
    }
  }

  private async row(tenantId: string, endpointId: string): Promise<WebhookEndpointsTable> {
    const row = await this.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', endpointId).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!row) throw this.notFound(endpointId);
    return row;
  }

  private notFound(endpointId: string, source?: WebhookSource) {
    const which = source ? `No ${source} webhook endpoint` : 'No webhook endpoint';
    return notFound(`${which} ${endpointId} in this tenant. List endpoints with list_webhooks (GET /v1/webhook-subscribe).`, { field: 'endpoint_id' });
  }
}
