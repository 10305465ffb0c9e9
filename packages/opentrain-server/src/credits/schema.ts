/**
 * @module Credit ledger tables: an append-only entry log, two-phase holds (escrow), a cached
 * per-account balance updated in the same transaction as each entry, and freelancer earnings.
 * See docs/credits-and-payments.md for the model and its invariant.
 */
import type { SqlMigration } from '@platform/kit';
import type { ColumnType } from 'kysely';

/** int8 columns: node-postgres returns them as strings, PGlite as numbers; always read through `cents()`. */
export type Int8 = ColumnType<string | number, number, number>;

export const ENTRY_TYPES = ['TOP_UP', 'HOLD', 'HOLD_RELEASE', 'CAPTURE', 'REFUND', 'ADJUSTMENT'] as const;
export type LedgerEntryType = (typeof ENTRY_TYPES)[number];

/** OPEN while money is still reserved; the other three are final (closed_at set). */
export const HOLD_STATUSES = ['OPEN', 'CAPTURED', 'RELEASED', 'PARTIALLY_CAPTURED'] as const;
export type HoldStatus = (typeof HOLD_STATUSES)[number];

export type CreditTables = {
  credit_balances: {
    account_id: string;
    available_cents: Int8;
    reserved_cents: Int8;
    /** Number of entries applied to this account = the `seq` of its newest entry. */
    version: Int8;
    updated_at: Date;
  };
  credit_holds: {
    id: string;
    account_id: string;
    amount_cents: Int8;
    captured_cents: Int8;
    released_cents: Int8;
    refunded_cents: Int8;
    status: HoldStatus;
    reference: string | null;
    /** Freelancer credited by captures (null = captured money goes to the platform, e.g. fees). */
    payee_id: string | null;
    hold_entry_id: string;
    created_at: Date;
    updated_at: Date;
    closed_at: Date | null;
  };
  credit_ledger_entries: {
    id: string;
    account_id: string;
    seq: Int8;
    type: LedgerEntryType;
    amount_cents: Int8;
    available_delta: Int8;
    reserved_delta: Int8;
    available_after: Int8;
    reserved_after: Int8;
    hold_id: string | null;
    reference: string | null;
    idempotency_key: string;
    memo: string | null;
    created_at: Date;
  };
  freelancer_earnings: {
    id: string;
    /** Insertion order (newest-first listing). */
    position: ColumnType<string | number, never, never>;
    freelancer_id: string;
    type: 'CAPTURE' | 'REFUND';
    amount_cents: Int8;
    account_id: string;
    hold_id: string;
    ledger_entry_id: string;
    reference: string | null;
    created_at: Date;
  };
};

const appendOnly = (table: string) => `
CREATE FUNCTION ${table}_reject_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '${table} is append-only';
END
$fn$;
CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
  FOR EACH ROW EXECUTE FUNCTION ${table}_reject_change();
CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
  FOR EACH STATEMENT EXECUTE FUNCTION ${table}_reject_change();`;

export const creditsMigrations: SqlMigration[] = [
  {
    name: 'ot-0300-credits',
    up: `
CREATE TABLE credit_balances (
  account_id text PRIMARY KEY,
  available_cents bigint NOT NULL DEFAULT 0 CHECK (available_cents >= 0),
  reserved_cents bigint NOT NULL DEFAULT 0 CHECK (reserved_cents >= 0),
  version bigint NOT NULL DEFAULT 0 CHECK (version >= 0),
  updated_at timestamptz NOT NULL
);

CREATE TABLE credit_holds (
  id text PRIMARY KEY,
  account_id text NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  captured_cents bigint NOT NULL DEFAULT 0 CHECK (captured_cents >= 0),
  released_cents bigint NOT NULL DEFAULT 0 CHECK (released_cents >= 0),
  refunded_cents bigint NOT NULL DEFAULT 0 CHECK (refunded_cents >= 0),
  status text NOT NULL CHECK (status IN ('OPEN', 'CAPTURED', 'RELEASED', 'PARTIALLY_CAPTURED')),
  reference text,
  payee_id text,
  hold_entry_id text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz,
  CHECK (captured_cents + released_cents <= amount_cents),
  CHECK (refunded_cents <= captured_cents),
  CHECK ((status = 'OPEN') = (captured_cents + released_cents < amount_cents)),
  CHECK ((status = 'OPEN') = (closed_at IS NULL)),
  CHECK (status <> 'CAPTURED' OR released_cents = 0),
  CHECK (status <> 'RELEASED' OR captured_cents = 0),
  CHECK (status <> 'PARTIALLY_CAPTURED' OR (captured_cents > 0 AND released_cents > 0))
);
CREATE INDEX credit_holds_account_idx ON credit_holds (account_id, created_at DESC);
CREATE INDEX credit_holds_reference_idx ON credit_holds (reference) WHERE reference IS NOT NULL;

-- amount_cents: the signed size of the movement from the account holder's side (negative = money
-- leaves the spendable balance or the account). The deltas say exactly which bucket moved; the
-- CHECK below pins the relation per type. *_after is the running balance after the entry.
CREATE TABLE credit_ledger_entries (
  id text PRIMARY KEY,
  account_id text NOT NULL,
  seq bigint NOT NULL CHECK (seq > 0),
  type text NOT NULL CHECK (type IN ('TOP_UP', 'HOLD', 'HOLD_RELEASE', 'CAPTURE', 'REFUND', 'ADJUSTMENT')),
  amount_cents bigint NOT NULL,
  available_delta bigint NOT NULL,
  reserved_delta bigint NOT NULL,
  available_after bigint NOT NULL CHECK (available_after >= 0),
  reserved_after bigint NOT NULL CHECK (reserved_after >= 0),
  hold_id text REFERENCES credit_holds (id),
  reference text,
  idempotency_key text NOT NULL UNIQUE,
  memo text,
  created_at timestamptz NOT NULL,
  UNIQUE (account_id, seq),
  CHECK (CASE type
    WHEN 'TOP_UP' THEN amount_cents > 0 AND available_delta = amount_cents AND reserved_delta = 0 AND hold_id IS NULL
    WHEN 'HOLD' THEN amount_cents < 0 AND available_delta = amount_cents AND reserved_delta = -amount_cents AND hold_id IS NOT NULL
    WHEN 'HOLD_RELEASE' THEN amount_cents > 0 AND available_delta = amount_cents AND reserved_delta = -amount_cents AND hold_id IS NOT NULL
    WHEN 'CAPTURE' THEN amount_cents < 0 AND available_delta = 0 AND reserved_delta = amount_cents AND hold_id IS NOT NULL
    WHEN 'REFUND' THEN amount_cents > 0 AND available_delta = amount_cents AND reserved_delta = 0 AND hold_id IS NOT NULL
    WHEN 'ADJUSTMENT' THEN amount_cents <> 0 AND available_delta = amount_cents AND reserved_delta = 0 AND hold_id IS NULL
    ELSE false END)
);
CREATE INDEX credit_ledger_entries_hold_idx ON credit_ledger_entries (hold_id) WHERE hold_id IS NOT NULL;
${appendOnly('credit_ledger_entries')}

-- Money captured from a hold with a payee (+) and refunds of it (-). Balance = SUM(amount_cents).
CREATE TABLE freelancer_earnings (
  id text PRIMARY KEY,
  position bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  freelancer_id text NOT NULL,
  type text NOT NULL CHECK (type IN ('CAPTURE', 'REFUND')),
  amount_cents bigint NOT NULL,
  account_id text NOT NULL,
  hold_id text NOT NULL REFERENCES credit_holds (id),
  ledger_entry_id text NOT NULL UNIQUE REFERENCES credit_ledger_entries (id),
  reference text,
  created_at timestamptz NOT NULL,
  CHECK ((type = 'CAPTURE' AND amount_cents > 0) OR (type = 'REFUND' AND amount_cents < 0))
);
CREATE INDEX freelancer_earnings_freelancer_idx ON freelancer_earnings (freelancer_id, position DESC);
${appendOnly('freelancer_earnings')}
`,
  },
];
