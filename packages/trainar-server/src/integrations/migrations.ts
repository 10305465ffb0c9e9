/**
 * @module Integration tables: a tenant's connection per provider (`tenant_integrations`, tokens
 * sealed with the kit secret box), the pending OAuth authorizations (`integration_oauth_states`,
 * state stored as a SHA-256 hash, PKCE verifier sealed, single use), the link from an external job
 * to the task it became (`integration_task_links`: idempotent re-sync by external id), staff matched
 * to users (`integration_user_links`, dropped with the user), and write-back notes with their
 * retry state (`integration_writebacks`).
 */
import type { SqlMigration } from '@platform/kit';
import type { Generated, Kysely } from 'kysely';

export type IntegrationStatus = 'pending' | 'connected' | 'error' | 'disconnected';

export interface TenantIntegrationsTable {
  id: string;
  tenant_id: string;
  provider: string;
  status: IntegrationStatus;
  /** `enc:v1:…` (or `plain:…` without TRAINAR_SECRET_KEY), bound to the row id. */
  access_token: string | null;
  refresh_token: string | null;
  token_expires_at: Date | null;
  auto_sync_interval_min: number;
  writeback_enabled: boolean;
  connected_at: Date | null;
  connected_by_user_id: string | null;
  last_sync_at: Date | null;
  last_sync_status: 'succeeded' | 'failed' | null;
  last_sync_error: string | null;
  last_sync_summary: unknown;
  next_sync_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface IntegrationOAuthStatesTable {
  state_hash: string;
  tenant_id: string;
  provider: string;
  user_id: string | null;
  key_id: string | null;
  code_verifier: string;
  redirect_uri: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface IntegrationTaskLinksTable {
  integration_id: string;
  tenant_id: string;
  external_id: string;
  task_id: string;
  synced_at: Date;
}

export interface IntegrationUserLinksTable {
  integration_id: string;
  tenant_id: string;
  external_id: string;
  user_id: string;
}

export interface IntegrationWritebacksTable {
  id: string;
  tenant_id: string;
  integration_id: string;
  session_id: string;
  task_id: string | null;
  external_id: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  next_retry_at: Date | null;
  sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface IntegrationTables {
  tenant_integrations: TenantIntegrationsTable;
  integration_oauth_states: IntegrationOAuthStatesTable;
  integration_task_links: IntegrationTaskLinksTable;
  integration_user_links: IntegrationUserLinksTable;
  integration_writebacks: IntegrationWritebacksTable & { seq: Generated<number> };
}

export type IntegrationDb = Kysely<IntegrationTables>;

export const integrationMigrations: SqlMigration[] = [
  {
    name: 'tar-0700-integrations',
    up: `create table tenant_integrations (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      provider text not null,
      status text not null check (status in ('pending', 'connected', 'error', 'disconnected')),
      access_token text,
      refresh_token text,
      token_expires_at timestamptz,
      auto_sync_interval_min int not null default 15 check (auto_sync_interval_min >= 1),
      writeback_enabled boolean not null default true,
      connected_at timestamptz,
      connected_by_user_id uuid references users (id) on delete set null,
      last_sync_at timestamptz,
      last_sync_status text check (last_sync_status in ('succeeded', 'failed')),
      last_sync_error text,
      last_sync_summary jsonb,
      next_sync_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (tenant_id, provider)
    );

    create table integration_oauth_states (
      state_hash text primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      provider text not null,
      user_id uuid references users (id) on delete cascade,
      key_id uuid references api_keys (id) on delete cascade,
      code_verifier text not null,
      redirect_uri text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index integration_oauth_states_expiry on integration_oauth_states (expires_at);

    create table integration_task_links (
      integration_id uuid not null references tenant_integrations (id) on delete cascade,
      tenant_id uuid not null references tenants (id) on delete cascade,
      external_id text not null,
      task_id uuid not null references tasks (id) on delete cascade,
      synced_at timestamptz not null,
      primary key (integration_id, external_id)
    );
    create index integration_task_links_task on integration_task_links (task_id);

    create table integration_user_links (
      integration_id uuid not null references tenant_integrations (id) on delete cascade,
      tenant_id uuid not null references tenants (id) on delete cascade,
      external_id text not null,
      user_id uuid not null references users (id) on delete cascade,
      primary key (integration_id, external_id)
    );

    create table integration_writebacks (
      id uuid primary key,
      seq bigserial,
      tenant_id uuid not null references tenants (id) on delete cascade,
      integration_id uuid not null references tenant_integrations (id) on delete cascade,
      session_id uuid not null,
      task_id uuid references tasks (id) on delete set null,
      external_id text not null,
      status text not null check (status in ('pending', 'sent', 'failed')),
      attempts int not null default 0,
      last_error text,
      next_retry_at timestamptz,
      sent_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (integration_id, session_id)
    );
    create index integration_writebacks_integration on integration_writebacks (integration_id, status);`,
  },
];
