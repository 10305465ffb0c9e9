/**
 * @module TrainAR's table types (Kysely). Every tenant-owned table has a `tenant_id` column and every
 * query on it filters by the tenant of the authenticated caller (see docs/trainar-core.md).
 */
import type { Kysely, Transaction } from 'kysely';
import type { SkillExecutionsTable, SkillsTable } from '../skills/tables';

export interface TenantsTable {
  id: string;
  name: string;
  timezone: string;
  country: string | null;
  language: string;
  status: 'active' | 'disabled';
  created_at: Date;
  updated_at: Date;
  disabled_at: Date | null;
}

export interface UsersTable {
  id: string;
  tenant_id: string;
  email: string;
  full_name: string;
  role: 'admin' | 'member';
  is_active: boolean;
  password_hash: string | null;
  created_at: Date;
  updated_at: Date;
  password_set_at: Date | null;
  last_active_at: Date | null;
  deactivated_at: Date | null;
  invited_by_user_id: string | null;
}

export interface UserInvitationsTable {
  id: string;
  tenant_id: string;
  user_id: string;
  token_hash: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  name: string;
  key_hash: string;
  prefix: string;
  last4: string;
  scopes: string[];
  created_via: 'dashboard' | 'api' | 'operator';
  created_by_user_id: string | null;
  created_by_key_id: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** The kit's session table (sessions end when a user is deactivated or deleted). */
export interface WebSessionsTable {
  id_hash: string;
  user_id: string;
  created_at: Date;
  expires_at: Date;
}

export interface TasksTable {
  id: string;
  tenant_id: string;
  title: string;
  description: string | null;
  status: 'open' | 'in_progress' | 'completed' | 'cancelled' | 'archived';
  priority: 'low' | 'medium' | 'high' | 'urgent';
  source: 'api' | 'manual' | 'integration';
  provider: string | null;
  external_id: string | null;
  assigned_to_user_id: string | null;
  created_by_user_id: string | null;
  created_by_key_id: string | null;
  due_date: Date | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  session_id: string | null;
}

export interface BillingAccountsTable {
  tenant_id: string;
  status: 'trial' | 'active' | 'canceled';
  plan_id: string | null;
  seats: number;
  period_start: Date | null;
  period_end: Date | null;
  cancel_at_period_end: boolean;
  /** numeric columns come back as strings: read them with Number(). */
  included_minutes: string | number;
  purchased_minutes: string | number;
  used_this_period: string | number;
  currency: string | null;
  currency_locked: boolean;
  tax_id: string | null;
  contact_email: string | null;
  address: Record<string, string>;
  shipping_same_as_billing: boolean;
  auto_top_up_enabled: boolean;
  auto_top_up_threshold: string | number;
  auto_top_up_pack_id: string;
  provider_customer_id: string | null;
  provider_subscription_id: string | null;
  /** A failed payment or past-due subscription reported by Stripe (tar-0601); null when payments are fine. */
  payment_issue: 'payment_failed' | 'past_due' | null;
  payment_issue_since: Date | null;
  payment_issue_next_attempt_at: Date | null;
  payment_issue_amount_due_cents: number | null;
  payment_issue_currency: string | null;
  payment_issue_invoice_id: string | null;
  /** Why a failed auto top-up charge turned auto top-up off (tar-0602); null while it runs or after re-enabling. */
  auto_top_up_stopped_reason: AutoTopUpFailure | null;
  auto_top_up_stopped_message: string | null;
  auto_top_up_stopped_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface MinuteTransactionsTable {
  id: string;
  tenant_id: string;
  type: 'welcome' | 'subscription_grant' | 'renewal' | 'purchase' | 'auto_topup' | 'usage' | 'adjustment';
  minutes: string | number;
  pool: 'included' | 'purchased';
  session_id: string | null;
  user_id: string | null;
  balance_after: string | number;
  unbilled_minutes: string | number;
  stripe_ref: string | null;
  created_at: Date;
}

export interface BillingCheckoutsTable {
  id: string;
  tenant_id: string;
  kind: 'subscription' | 'pack';
  plan_id: string | null;
  seats: number | null;
  pack_id: string | null;
  amount_cents: number;
  currency: string;
  status: 'open' | 'paid' | 'expired';
  provider: string;
  provider_ref: string | null;
  checkout_url: string;
  created_at: Date;
  completed_at: Date | null;
}

export type AutoTopUpFailure = 'declined' | 'authentication_required' | 'no_saved_card' | 'provider_error';

/** One off-session auto top-up charge with Stripe (tar-0602): pending until its job has charged the saved card. */
export interface BillingAutoTopUpsTable {
  id: string;
  tenant_id: string;
  pack_id: string;
  minutes: string | number;
  amount_cents: number;
  currency: string;
  status: 'pending' | 'succeeded' | 'failed';
  payment_intent_id: string | null;
  /** canceled: auto top-up was turned off before the job charged (nothing charged, nothing to show). */
  failure_reason: AutoTopUpFailure | 'canceled' | null;
  failure_message: string | null;
  created_at: Date;
  completed_at: Date | null;
}

export interface TrainArTables {
  tenants: TenantsTable;
  users: UsersTable;
  user_invitations: UserInvitationsTable;
  api_keys: ApiKeysTable;
  web_sessions: WebSessionsTable;
  tasks: TasksTable;
  skills: SkillsTable;
  skill_executions: SkillExecutionsTable;
  billing_accounts: BillingAccountsTable;
  minute_transactions: MinuteTransactionsTable;
  billing_checkouts: BillingCheckoutsTable;
  billing_auto_top_ups: BillingAutoTopUpsTable;
}

export type TrainArDb = Kysely<TrainArTables>;
export type TrainArExecutor = TrainArDb | Transaction<TrainArTables>;

export const iso = (d: Date | string | null | undefined): string | null => (d == null ? null : new Date(d).toISOString());

/** PostgreSQL's unique_violation, as raised by both pg and PGlite. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}
