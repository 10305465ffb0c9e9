import type { SqlMigration } from '@platform/kit';

/** training_sessions, not "sessions": the kit's web_sessions are dashboard logins. task_id has no FK: tasks are another module's table. */
export const sessionMigrations: SqlMigration[] = [
  {
    name: 'tar-0402-training-sessions',
    up: `create table training_sessions (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      seat_id uuid references seats (id) on delete set null,
      device_id uuid references devices (id) on delete set null,
      user_id uuid references users (id) on delete set null,
      task_id uuid,
      name text not null,
      role text not null check (role in ('trainer', 'trainee')),
      status text not null check (status in ('in_progress', 'completed', 'failed')),
      started_at timestamptz not null,
      last_heartbeat_at timestamptz not null,
      stopped_at timestamptz,
      completed_at timestamptz,
      duration_seconds integer,
      end_reason text check (end_reason in ('stopped', 'timed_out')),
      score integer check (score between 0 and 100),
      summary text,
      notes text,
      video_url text,
      thumbnail_url text,
      procedures jsonb not null default '[]'::jsonb
    );
    create index training_sessions_tenant on training_sessions (tenant_id, started_at desc, id);
    create index training_sessions_open on training_sessions (last_heartbeat_at) where status = 'in_progress' and stopped_at is null;`,
  },
];
