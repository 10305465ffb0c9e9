/**
 * @module Webhook tables: endpoints (`webhook_endpoints`, secret sealed by the kit secret box) and
 * the per-attempt delivery log (`webhook_deliveries`, the kit's DeliveryLogEntry columns plus the
 * tenant, endpoint and envelope `event_id`). Deleting an endpoint removes its log.
 */
import type { DeliveryLogEntry, SqlMigration } from '@platform/kit';
import type { WebhookSource } from '@trainar/api';
import type { Generated, Kysely } from 'kysely';

export type EndpointStatus = 'active' | 'disabled';

export interface WebhookEndpointsTable {
  id: string;
  tenant_id: string;
  url: string;
  events: string[];
  source: WebhookSource;
  /** `plain:<whsec_…>` or `enc:v1:…` (kit secret box under TRAINAR_SECRET_KEY). */
  secret: string;
  status: EndpointStatus;
  consecutive_failures: number;
  created_at: Date;
  updated_at: Date;
  last_triggered_at: Date | null;
  disabled_at: Date | null;
  disabled_reason: string | null;
}

export interface WebhookDeliveriesTable extends DeliveryLogEntry {
  id: Generated<string | number>;
  tenant_id: string;
  endpoint_id: string;
  /** The envelope's `event_id` (also the `webhook-id` header): the same on every attempt. */
  event_id: string;
  /** True for "send test" deliveries. */
  test: boolean;
}

export interface WebhookTables {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

export type WebhookDb = Kysely<WebhookTables>;

export const webhookMigrations: SqlMigration[] = [
  {
    name: 'tar-0200-webhooks',
    up: `create table webhook_endpoints (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      url text not null,
      events text[] not null,
      source text not null check (source in ('dashboard', 'api', 'n8n', 'zapier', 'mcp')),
      secret text not null,
      status text not null default 'active' check (status in ('active', 'disabled')),
      consecutive_failures int not null default 0,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      last_triggered_at timestamptz,
      disabled_at timestamptz,
      disabled_reason text
    );
    create index webhook_endpoints_tenant on webhook_endpoints (tenant_id, created_at);

    create table webhook_deliveries (
      id bigserial primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      endpoint_id uuid not null references webhook_endpoints (id) on delete cascade,
      delivery_id text not null,
      event_id text not null,
      event_type text not null,
      test boolean not null default false,
      attempt int not null check (attempt >= 1),
      outcome text not null check (outcome in ('succeeded', 'failed')),
      status_code int,
      error text,
      duration_ms int,
      next_retry_at timestamptz,
      created_at timestamptz not null
    );
    create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, id desc);`,
  },
];
