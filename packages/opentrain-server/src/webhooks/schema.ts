/**
 * @module Webhook tables: subscriptions (`ot_webhooks`), the per-attempt delivery log
 * (`ot_webhook_deliveries`) and the single fan-out cursor over the kit's `outbox_events`
 * (`ot_webhook_fanout_state`). Apply after the kit migrations (`outbox_events`, `jobs`).
 */
import type { DeliveryLogEntry, SqlMigration } from '@platform/kit';
import type { Generated } from 'kysely';

export type { DeliveryOutcome } from '@platform/kit';
export type WebhookStatus = 'ACTIVE' | 'DISABLED';

export interface WebhookTables {
  ot_webhooks: {
    id: string;
    /** The account (organization) the webhook belongs to; events are matched on `outbox_events.scope`. */
    account_id: string;
    url: string;
    event_types: string[];
    /** `plain:<secret>` or `enc:v1:…` (AES-256-GCM under OPENTRAIN_SECRET_KEY); see secrets.ts. */
    secret: string;
    status: WebhookStatus;
    /** Events from transactions with a larger id than this are delivered (the high-water mark at creation). */
    start_tx_id: string;
    /** Deliveries that exhausted every attempt since the last successful attempt. */
    consecutive_failures: number;
    created_at: Date;
    disabled_at: Date | null;
    disabled_reason: string | null;
  };
  /** The kit's delivery-log row (`delivery_id` = `X-OpenTrain-Delivery`, one per (webhook, event)). */
  ot_webhook_deliveries: DeliveryLogEntry & {
    /** bigserial (int8: a string from node-postgres, a number from PGlite): the log's cursor. */
    id: Generated<string | number>;
    webhook_id: string;
    event_id: string | number;
  };
  ot_webhook_fanout_state: {
    id: number;
    /** readEvents position the fan-out has handed out up to (null = the beginning). */
    position: string | null;
    /** Increments on every pass; the pending fan-out job carries the generation it may run. */
    generation: number | string;
    updated_at: Date | null;
  };
}

export const webhooksMigrations: SqlMigration[] = [
  {
    name: 'ot-0400-webhooks',
    up: `create table ot_webhooks (
      id text primary key,
      account_id text not null,
      url text not null,
      event_types text[] not null,
      secret text not null,
      status text not null default 'ACTIVE' check (status in ('ACTIVE', 'DISABLED')),
      start_tx_id xid8 not null,
      consecutive_failures int not null default 0,
      created_at timestamptz not null,
      disabled_at timestamptz,
      disabled_reason text
    );
    create index ot_webhooks_account on ot_webhooks (account_id, created_at);
    create index ot_webhooks_active on ot_webhooks (account_id) where status = 'ACTIVE';

    create table ot_webhook_deliveries (
      id bigserial primary key,
      delivery_id text not null,
      webhook_id text not null references ot_webhooks (id) on delete cascade,
      event_id bigint not null,
      event_type text not null,
      attempt int not null check (attempt >= 1),
      outcome text not null check (outcome in ('succeeded', 'failed')),
      status_code int,
      error text,
      duration_ms int,
      next_retry_at timestamptz,
      created_at timestamptz not null
    );
    create index ot_webhook_deliveries_webhook on ot_webhook_deliveries (webhook_id, id desc);
    create index ot_webhook_deliveries_delivery on ot_webhook_deliveries (delivery_id, attempt);

    create table ot_webhook_fanout_state (
      id int primary key check (id = 1),
      position text,
      generation bigint not null default 0,
      updated_at timestamptz
    );
    insert into ot_webhook_fanout_state (id, position, generation) values (1, null, 0);`,
  },
];
