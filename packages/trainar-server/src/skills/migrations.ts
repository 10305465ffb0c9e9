import type { SqlMigration } from '@platform/kit';

/**
 * Tenant skills and their execution log. Built-in (system and platform) skills live in code
 * (`catalogue.ts`), so executions reference skills without a foreign key: a deleted tenant skill
 * keeps its history, and built-in ids never exist in `skills`. Only tenant skills are rows here.
 */
export const skillMigrations: SqlMigration[] = [
  {
    name: 'tar-0300-skills',
    up: `create table skills (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      name text not null,
      display_name text not null,
      description text not null,
      parameters_schema jsonb not null,
      webhook_url text not null,
      http_method text not null check (http_method in ('POST', 'GET')),
      auth_header_name text,
      auth_header_value text,
      timeout_ms integer not null,
      execution_mode text not null check (execution_mode in ('direct', 'background')),
      ai_instructions text,
      response_target text not null check (response_target in ('context', 'display')),
      display_hint text check (display_hint in ('fullscreen', 'hud')),
      response_scheduling text check (response_scheduling in ('INTERRUPT', 'WHEN_IDLE')),
      capture_frame_on_execute boolean not null,
      available_to_roles text not null check (available_to_roles in ('all', 'trainer', 'trainee')),
      is_active boolean not null,
      folder text,
      created_by_user_id uuid references users (id) on delete set null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      last_executed_at timestamptz
    );
    create unique index skills_tenant_name on skills (tenant_id, name);
    create index skills_tenant_created on skills (tenant_id, created_at, id);`,
  },
  {
    name: 'tar-0301-skill-executions',
    up: `create table skill_executions (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      skill_id uuid not null,
      skill_name text not null,
      trigger text not null check (trigger in ('device', 'api', 'agent', 'dashboard')),
      session_context jsonb not null,
      arguments jsonb not null,
      success boolean not null,
      status_code integer,
      latency_ms integer not null,
      response jsonb,
      response_headers jsonb not null,
      error text,
      executed_at timestamptz not null
    );
    create index skill_executions_tenant on skill_executions (tenant_id, executed_at desc, id);
    create index skill_executions_skill on skill_executions (tenant_id, skill_id, executed_at desc);`,
  },
];
