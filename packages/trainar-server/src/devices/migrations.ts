import type { SqlMigration } from '@platform/kit';

export const deviceMigrations: SqlMigration[] = [
  {
    name: 'tar-0401-devices',
    up: `create table pairing_codes (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      seat_id uuid not null references seats (id) on delete cascade,
      code_hash text not null unique,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz,
      invalidated_at timestamptz
    );
    create index pairing_codes_seat on pairing_codes (seat_id) where used_at is null and invalidated_at is null;
    create table devices (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      seat_id uuid references seats (id) on delete set null,
      model text not null,
      serial text not null,
      credential_hash text not null unique,
      status text not null check (status in ('paired', 'unpaired')),
      paired_at timestamptz not null,
      last_seen_at timestamptz,
      unpaired_at timestamptz
    );
    create index devices_tenant on devices (tenant_id, paired_at desc, id);
    create unique index devices_one_paired_per_seat on devices (seat_id) where status = 'paired';`,
  },
];
