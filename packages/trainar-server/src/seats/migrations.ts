import type { SqlMigration } from '@platform/kit';

export const seatMigrations: SqlMigration[] = [
  {
    name: 'tar-0400-seats',
    up: `create table seat_allowances (
      tenant_id uuid primary key references tenants (id) on delete cascade,
      plan text not null,
      seat_limit integer not null check (seat_limit >= 0),
      updated_at timestamptz not null
    );
    create table seats (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      user_id uuid references users (id) on delete set null,
      roles text[] not null check (cardinality(roles) between 1 and 2 and roles <@ array['trainer', 'trainee']),
      status text not null check (status in ('needs_device', 'byoh_pending', 'awaiting_delivery', 'ready_to_pair', 'active')),
      expected_model text,
      expected_serial text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index seats_tenant on seats (tenant_id, created_at, id);
    create unique index seats_one_per_user on seats (tenant_id, user_id) where user_id is not null;
    create table hardware_orders (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      seat_id uuid references seats (id) on delete set null,
      product text not null,
      model text not null,
      price numeric(10, 2) not null,
      currency text not null,
      status text not null check (status in ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
      financing text not null,
      sandbox boolean not null,
      serial text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create index hardware_orders_tenant on hardware_orders (tenant_id, created_at desc, id);`,
  },
  {
    // The seat limit comes from the subscription (billing's SeatAllowance); the row only marks a
    // tenant whose trial seat was set up. Nothing ever wrote a limit but the trial default and tests.
    name: 'tar-0403-seat-limit-from-billing',
    up: `alter table seat_allowances rename to seat_trials;
    alter table seat_trials drop column plan, drop column seat_limit;
    alter table seat_trials rename column updated_at to created_at;`,
  },
];
