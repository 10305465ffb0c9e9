/**
 * @module Payment tables: credit top-ups (a checkout with a payment provider that, once paid,
 * becomes one TOP_UP ledger entry) and the per-account "payment method on file" flag.
 */
import type { SqlMigration } from '@platform/kit';
import type { ColumnType } from 'kysely';

export const TOP_UP_STATUSES = ['PENDING', 'COMPLETED', 'EXPIRED', 'CANCELED'] as const;
export type TopUpStatus = (typeof TOP_UP_STATUSES)[number];
export type PaymentProvider = 'sandbox' | 'stripe';

export type PaymentTables = {
  credit_top_ups: {
    id: string;
    account_id: string;
    amount_cents: ColumnType<string | number, number, number>;
    status: TopUpStatus;
    provider: PaymentProvider;
    /** The provider's checkout id (Stripe Checkout Session `cs_…`, sandbox `sbx_cs_…`). */
    provider_ref: string | null;
    checkout_url: string | null;
    success_url: string;
    cancel_url: string;
    /** The TOP_UP ledger entry, once paid. */
    ledger_entry_id: string | null;
    failure_reason: string | null;
    created_at: Date;
    expires_at: Date;
    completed_at: Date | null;
    canceled_at: Date | null;
    /** The human asked to keep the card on file (Stripe: the checkout saves it for off-session charges). */
    save_card: ColumnType<boolean, boolean | undefined, boolean>;
  };
  payment_methods: {
    account_id: string;
    provider: PaymentProvider;
    label: string;
    added_at: Date;
    /** Stripe: the customer whose saved card approvals charge (null for the sandbox card). */
    provider_customer_id: ColumnType<string | null, string | null | undefined, string | null>;
  };
};

export const paymentsMigrations: SqlMigration[] = [
  {
    name: 'ot-0310-payments',
    up: `
CREATE TABLE credit_top_ups (
  id text PRIMARY KEY,
  account_id text NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  status text NOT NULL CHECK (status IN ('PENDING', 'COMPLETED', 'EXPIRED', 'CANCELED')),
  provider text NOT NULL CHECK (provider IN ('sandbox', 'stripe')),
  provider_ref text,
  checkout_url text,
  success_url text NOT NULL,
  cancel_url text NOT NULL,
  ledger_entry_id text UNIQUE REFERENCES credit_ledger_entries (id),
  failure_reason text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  completed_at timestamptz,
  canceled_at timestamptz,
  CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL AND ledger_entry_id IS NOT NULL)),
  CHECK (status <> 'CANCELED' OR canceled_at IS NOT NULL)
);
CREATE INDEX credit_top_ups_account_idx ON credit_top_ups (account_id, created_at DESC);
CREATE UNIQUE INDEX credit_top_ups_provider_ref_idx ON credit_top_ups (provider, provider_ref) WHERE provider_ref IS NOT NULL;

CREATE TABLE payment_methods (
  account_id text PRIMARY KEY,
  provider text NOT NULL CHECK (provider IN ('sandbox', 'stripe')),
  label text NOT NULL,
  added_at timestamptz NOT NULL
);
`,
  },
  {
    // A Stripe card kept on file from a top-up checkout (the customer to charge off-session).
    name: 'ot-0320-saved-cards',
    up: `
ALTER TABLE credit_top_ups ADD COLUMN save_card boolean NOT NULL DEFAULT false;
ALTER TABLE payment_methods ADD COLUMN provider_customer_id text;
ALTER TABLE payment_methods ADD CONSTRAINT payment_methods_stripe_customer CHECK (provider <> 'stripe' OR provider_customer_id IS NOT NULL);
`,
  },
];
