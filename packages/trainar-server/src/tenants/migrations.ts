import type { SqlMigration } from '@platform/kit';

export const tenantMigrations: SqlMigration[] = [
  {
    name: 'tar-0001-tenants',
    up: `create table tenants (
      id uuid primary key,
      name text not null,
      timezone text not null,
      country text,
      language text not null,
      status text not null check (status in ('active', 'disabled')),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      disabled_at timestamptz
    );
    create index tenants_created on tenants (created_at);`,
  },
];
