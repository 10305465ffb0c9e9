import type { SqlMigration } from '@platform/kit';

/**
 * Tasks (spec 2.6). `external_id` is unique per tenant and source, so an import can upsert by it;
 * `session_id` has no foreign key here because the sessions table belongs to a later module (which
 * may add the key). Deleting a user nulls the assignee and creator (users/delete-effects.test.ts).
 */
export const taskMigrations: SqlMigration[] = [
  {
    name: 'tar-0100-tasks',
    up: `create table tasks (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      title text not null,
      description text,
      status text not null check (status in ('open', 'in_progress', 'completed', 'cancelled', 'archived')),
      priority text not null check (priority in ('low', 'medium', 'high', 'urgent')),
      source text not null check (source in ('api', 'manual', 'integration')),
      provider text,
      external_id text,
      assigned_to_user_id uuid references users (id) on delete set null,
      created_by_user_id uuid references users (id) on delete set null,
      created_by_key_id uuid references api_keys (id) on delete set null,
      due_date timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      completed_at timestamptz,
      session_id uuid
    );
    create unique index tasks_external_id on tasks (tenant_id, source, external_id) where external_id is not null;
    create index tasks_tenant_created on tasks (tenant_id, created_at desc, id desc);
    create index tasks_tenant_status on tasks (tenant_id, status, created_at desc);
    create index tasks_assignee on tasks (assigned_to_user_id) where assigned_to_user_id is not null;`,
  },
];
