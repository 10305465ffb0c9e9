import type { SqlMigration } from '@platform/kit';

export const apiKeyMigrations: SqlMigration[] = [
  {
    name: 'tar-0004-api-keys',
    up: `create table api_keys (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      name text not null,
      key_hash text not null unique,
      prefix text not null,
      last4 text not null,
      scopes text[] not null,
      created_via text not null check (created_via in ('dashboard', 'api', 'operator')),
      created_by_user_id uuid references users (id) on delete set null,
      created_by_key_id uuid references api_keys (id) on delete set null,
      created_at timestamptz not null,
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_keys_tenant on api_keys (tenant_id, created_at desc, id);`,
  },
];
