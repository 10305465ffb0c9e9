import type { SqlMigration } from '@platform/kit';

/**
 * Billing (spec 2.11): one row per tenant holding the subscription, billing details and the minute
 * pool (created lazily with the welcome minutes on first use), the minute ledger with the balance
 * after each entry, and checkouts (subscription starts and pack purchases) awaiting payment.
 * Minutes are numeric (fractional, exact); usage locks the tenant's row, so the pool never double-spends.
 */
export const billingMigrations: SqlMigration[] = [
  {
    name: 'tar-0600-billing',
    up: `create table billing_accounts (
      tenant_id uuid primary key references tenants (id) on delete cascade,
      status text not null check (status in ('trial', 'active', 'canceled')),
      plan_id text,
      seats integer not null check (seats >= 1),
      period_start timestamptz,
      period_end timestamptz,
      cancel_at_period_end boolean not null default false,
      included_minutes numeric(14, 4) not null default 0,
      purchased_minutes numeric(14, 4) not null default 0,
      used_this_period numeric(14, 4) not null default 0,
      currency text,
      currency_locked boolean not null default false,
      tax_id text,
      contact_email text,
      address jsonb not null default '{}',
      shipping_same_as_billing boolean not null default true,
      auto_top_up_enabled boolean not null default false,
      auto_top_up_threshold numeric(14, 4) not null default 100,
      auto_top_up_pack_id text not null default 'pack_500',
      provider_customer_id text,
      provider_subscription_id text,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
    create table minute_transactions (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      type text not null check (type in ('welcome', 'subscription_grant', 'renewal', 'purchase', 'auto_topup', 'usage', 'adjustment')),
      minutes numeric(14, 4) not null,
      pool text not null check (pool in ('included', 'purchased')),
      session_id uuid,
      user_id uuid references users (id) on delete set null,
      balance_after numeric(14, 4) not null,
      unbilled_minutes numeric(14, 4) not null default 0,
      stripe_ref text,
      created_at timestamptz not null
    );
    create index minute_transactions_tenant_created on minute_transactions (tenant_id, created_at desc, id desc);
    create table billing_checkouts (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      kind text not null check (kind in ('subscription', 'pack')),
      plan_id text,
      seats integer,
      pack_id text,
      amount_cents integer not null,
      currency text not null,
      status text not null check (status in ('open', 'paid', 'expired')),
      provider text not null,
      provider_ref text,
      checkout_url text not null,
      created_at timestamptz not null,
      completed_at timestamptz
    );
    create index billing_checkouts_tenant on billing_checkouts (tenant_id, created_at desc);`,
  },
  {
    // A payment problem while Stripe retries (spec 2.11 status strip); the plan's status is unchanged.
    // The customer id needed for the Customer Portal is already saved at checkout (provider_customer_id).
    name: 'tar-0601-billing-payment-issues',
    up: `alter table billing_accounts add column payment_issue text check (payment_issue in ('payment_failed', 'past_due'));
    alter table billing_accounts add column payment_issue_since timestamptz;
    alter table billing_accounts add column payment_issue_next_attempt_at timestamptz;
    alter table billing_accounts add column payment_issue_amount_due_cents integer;
    alter table billing_accounts add column payment_issue_currency text;
    alter table billing_accounts add column payment_issue_invoice_id text;`,
  },
  {
    // Auto top-up with Stripe (spec 2.11): a usage under the threshold records a pending charge here and
    // a job charges the saved card; minutes are credited only when the charge succeeded. One pending row
    // per tenant at most, so usages while a charge is on its way enqueue nothing more.
    // auto_top_up_stopped_*: why a failed charge turned auto top-up off (shown until it is re-enabled).
    name: 'tar-0602-billing-auto-top-ups',
    up: `create table billing_auto_top_ups (
      id uuid primary key,
      tenant_id uuid not null references tenants (id) on delete cascade,
      pack_id text not null,
      minutes numeric(14, 4) not null,
      amount_cents integer not null,
      currency text not null,
      status text not null check (status in ('pending', 'succeeded', 'failed')),
      payment_intent_id text,
      failure_reason text,
      failure_message text,
      created_at timestamptz not null,
      completed_at timestamptz
    );
    create unique index billing_auto_top_ups_one_pending on billing_auto_top_ups (tenant_id) where status = 'pending';
    create index billing_auto_top_ups_tenant on billing_auto_top_ups (tenant_id, created_at desc);
    alter table billing_accounts add column auto_top_up_stopped_reason text;
    alter table billing_accounts add column auto_top_up_stopped_message text;
    alter table billing_accounts add column auto_top_up_stopped_at timestamptz;`,
  },
];
