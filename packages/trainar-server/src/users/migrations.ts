import type { SqlMigration } from '@platform/kit';

/**
 * Deleting a user must leave the tenant's records in place with the user's reference nulled
 * (spec 2.2): every foreign key to users(id) is `on delete set null` (or `cascade` for rows that
 * only exist for that user). `users/delete-effects.test.ts` checks every such key, including later ones.
 */
export const userMigrations: SqlMigration[] = [
  {
    name: 'tar-0002-users',
    up: `create table users (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      email text not null,
      full_name text not null,
      role text not null check (role in ('admin', 'member')),
      is_active boolean not null,
      password_hash text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      password_set_at timestamptz,
      last_active_at timestamptz,
      deactivated_at timestamptz,
      invited_by_user_id uuid references users (id) on delete set null
    );
    create unique index users_email on users (email);
    create index users_tenant on users (tenant_id, created_at, id);`,
  },
  {
    name: 'tar-0003-user-invitations',
    up: `create table user_invitations (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      token_hash text not null unique,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    );
    create index user_invitations_user on user_invitations (user_id);`,
  },
];
