/**
 * @module Money tables: contracts, milestones (state machine in docs/money.md), human approvals
 * (one live request per proposal / milestone / contract, enforced by partial unique indexes) and
 * invoices (one per milestone, the `invoiceId` of spec 3.6). Amounts are integer cents.
 */
import type { Executor, SqlMigration } from '@platform/kit';
import type { ColumnType, Kysely, Transaction } from 'kysely';
import type { CreditTables } from '../credits/index';
import type { PaymentTables } from '../payments/index';

type Int8 = ColumnType<string | number, number, number>;
type Json<T> = ColumnType<T, string, string>;

export type ApprovalType = 'proposal_hire' | 'milestone_fund' | 'milestone_approve' | 'contract_end';
export type ApprovalStatus = 'pending' | 'confirmed' | 'declined' | 'expired';
export type MilestoneStatus = 'NOT_FUNDED' | 'ACTIVE_FUNDED' | 'PAID' | 'CANCELLED' | 'REFUNDED';
export type BudgetState = 'OK' | 'LOW' | 'DEPLETED';
export type PaymentSource = 'credits' | 'card';

/** What an approval asks the human to confirm (stored as JSON; amounts in cents). */
export interface ApprovalTerms {
  milestone: {
    name: string | null;
    description: string | null;
    amountCents: number;
    dueDate: string | null;
  } | null;
  confirmNotAFit?: boolean;
}

export type MoneyTables = {
  ot_contracts: {
    id: string;
    organization_id: string;
    job_id: string;
    proposal_id: string;
    freelancer_user_id: string;
    title: string;
    payment_type: string;
    /** Per hour / per label, in ten-thousandths of a dollar (per-label rates go below a cent). */
    rate_e4: Int8 | null;
    estimated_volume: number | null;
    status: 'active' | 'ended';
    budget_state: BudgetState;
    job_dm_conversation_id: string | null;
    hire_approval_id: string;
    started_at: Date;
    ended_at: Date | null;
    created_at: Date;
    updated_at: Date;
  };
  ot_milestones: {
    id: string;
    contract_id: string;
    organization_id: string;
    milestone_number: number;
    name: string | null;
    description: string | null;
    amount_cents: Int8;
    volume: number | null;
    due_date: string | null;
    status: MilestoneStatus;
    escrow_hold_id: string | null;
    fee_hold_id: string | null;
    fee_cents: Int8;
    invoice_id: string | null;
    funded_at: Date | null;
    paid_at: Date | null;
    created_at: Date;
    updated_at: Date;
  };
  ot_approvals: {
    id: string;
    organization_id: string;
    type: ApprovalType;
    status: ApprovalStatus;
    proposal_id: string | null;
    contract_id: string | null;
    milestone_id: string | null;
    job_id: string | null;
    terms: Json<ApprovalTerms>;
    /** Canonical JSON of the terms: same key while pending = the same request. */
    terms_key: string;
    requested_by_token_id: string | null;
    result: ColumnType<Record<string, unknown> | null, string | null, string | null>;
    payment_source: PaymentSource | null;
    resolved_by_user_id: string | null;
    superseded_by: string | null;
    created_at: Date;
    expires_at: Date;
    resolved_at: Date | null;
  };
  ot_invoices: {
    id: string;
    number: ColumnType<string | number, never, never>;
    organization_id: string;
    contract_id: string;
    milestone_id: string;
    job_id: string;
    status: 'OPEN' | 'FUNDED' | 'PAID' | 'REFUNDED' | 'CANCELLED';
    amount_cents: Int8;
    fee_cents: Int8;
    initiation_fee_cents: Int8;
    payment_source: PaymentSource | null;
    payment_intent_id: string | null;
    payout_transaction_id: string | null;
    created_at: Date;
    updated_at: Date;
  };
};

export type MoneyDb = Kysely<MoneyTables & CreditTables & PaymentTables>;
export type MoneyTrx = Transaction<MoneyTables & CreditTables & PaymentTables>;
/** Any executor (a transaction over a wider schema included) seen with the money, credit and payment tables. */
export const asMoney = (exec: Executor): MoneyDb => exec.withTables<MoneyTables & CreditTables & PaymentTables>();

export const moneyMigrations: SqlMigration[] = [
  {
    name: 'ot-0350-money',
    up: `
CREATE TABLE ot_contracts (
  id text PRIMARY KEY,
  organization_id text NOT NULL,
  job_id text NOT NULL,
  proposal_id text NOT NULL UNIQUE,
  freelancer_user_id text NOT NULL,
  title text NOT NULL,
  payment_type text NOT NULL,
  rate_e4 bigint CHECK (rate_e4 > 0),
  estimated_volume double precision,
  status text NOT NULL CHECK (status IN ('active', 'ended')),
  budget_state text NOT NULL CHECK (budget_state IN ('OK', 'LOW', 'DEPLETED')),
  job_dm_conversation_id text,
  hire_approval_id text NOT NULL UNIQUE,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((status = 'ended') = (ended_at IS NOT NULL))
);
CREATE INDEX ot_contracts_org_idx ON ot_contracts (organization_id, created_at DESC);
CREATE INDEX ot_contracts_job_idx ON ot_contracts (job_id);

CREATE TABLE ot_milestones (
  id text PRIMARY KEY,
  contract_id text NOT NULL REFERENCES ot_contracts (id),
  organization_id text NOT NULL,
  milestone_number integer NOT NULL CHECK (milestone_number > 0),
  name text,
  description text,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  volume double precision CHECK (volume > 0),
  due_date text,
  status text NOT NULL CHECK (status IN ('NOT_FUNDED', 'ACTIVE_FUNDED', 'PAID', 'CANCELLED', 'REFUNDED')),
  escrow_hold_id text UNIQUE,
  fee_hold_id text UNIQUE,
  fee_cents bigint NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
  invoice_id text,
  funded_at timestamptz,
  paid_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (contract_id, milestone_number),
  CHECK ((status IN ('ACTIVE_FUNDED', 'PAID', 'REFUNDED')) = (escrow_hold_id IS NOT NULL)),
  CHECK ((status = 'PAID') = (paid_at IS NOT NULL))
);

CREATE TABLE ot_approvals (
  id text PRIMARY KEY,
  organization_id text NOT NULL,
  type text NOT NULL CHECK (type IN ('proposal_hire', 'milestone_fund', 'milestone_approve', 'contract_end')),
  status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'declined', 'expired')),
  proposal_id text,
  contract_id text,
  milestone_id text,
  job_id text,
  terms jsonb NOT NULL,
  terms_key text NOT NULL,
  requested_by_token_id text,
  result jsonb,
  payment_source text CHECK (payment_source IN ('credits', 'card')),
  resolved_by_user_id text,
  superseded_by text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  resolved_at timestamptz,
  CHECK ((status = 'pending') = (resolved_at IS NULL)),
  CHECK ((status = 'confirmed') = (result IS NOT NULL))
);
CREATE INDEX ot_approvals_org_idx ON ot_approvals (organization_id, created_at DESC);
CREATE UNIQUE INDEX ot_approvals_live_hire ON ot_approvals (proposal_id) WHERE type = 'proposal_hire' AND status = 'pending';
CREATE UNIQUE INDEX ot_approvals_live_milestone ON ot_approvals (milestone_id, type) WHERE type IN ('milestone_fund', 'milestone_approve') AND status = 'pending';
CREATE UNIQUE INDEX ot_approvals_live_end ON ot_approvals (contract_id) WHERE type = 'contract_end' AND status = 'pending';

CREATE TABLE ot_invoices (
  id text PRIMARY KEY,
  number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  organization_id text NOT NULL,
  contract_id text NOT NULL REFERENCES ot_contracts (id),
  milestone_id text NOT NULL UNIQUE REFERENCES ot_milestones (id),
  job_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('OPEN', 'FUNDED', 'PAID', 'REFUNDED', 'CANCELLED')),
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  fee_cents bigint NOT NULL CHECK (fee_cents >= 0),
  initiation_fee_cents bigint NOT NULL CHECK (initiation_fee_cents >= 0),
  payment_source text CHECK (payment_source IN ('credits', 'card')),
  payment_intent_id text,
  payout_transaction_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
`,
  },
];
