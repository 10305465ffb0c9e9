/**
 * @module One valid input per operation, aimed at a target's resources, for the table-driven
 * isolation, scope and authentication tests. A test fails when an operation in the registry has no
 * case here, so every later operation is covered as soon as it is added.
 */
import { operations } from '@trainar/api';
import { uniqueEmail } from './harness';

/** Ids inside the tenant an input aims at (another tenant's, or random ones that exist nowhere). */
export interface OperationTarget {
  tenantId: string;
  /** A member (not the last admin) who may be edited, deactivated or deleted. */
  userId: string;
  /** The tenant's signed-up admin. */
  adminId: string;
  /** An API key of the tenant. */
  keyId: string;
  /** An email: an existing user's (cross-tenant probes) or a fresh one. */
  email: string;
  /** A task of the tenant. */
  taskId: string;
}

export interface OperationCase {
  input(target: OperationTarget): Record<string, unknown>;
  /**
   * What a key of another tenant gets when it aims this input at the target: NOT_FOUND for
   * addressed resources; its own data for tenant-wide reads and creations; CONFLICT for an email
   * that is already a user anywhere (emails are global sign-in identities).
   */
  crossTenant: 'not_found' | 'own_data' | 'conflict';
}

export const operationCases: Record<string, OperationCase> = {
  list_users: { input: () => ({ limit: 100 }), crossTenant: 'own_data' },
  get_user: { input: (t) => ({ user_id: t.userId }), crossTenant: 'not_found' },
  invite_user: { input: (t) => ({ email: t.email, full_name: 'Probe User', role: 'member' }), crossTenant: 'conflict' },
  update_user: { input: (t) => ({ user_id: t.userId, full_name: 'Renamed By Probe', role: 'admin', is_active: false }), crossTenant: 'not_found' },
  update_user_role: { input: (t) => ({ user_id: t.userId, role: 'admin' }), crossTenant: 'not_found' },
  deactivate_user: { input: (t) => ({ user_id: t.userId }), crossTenant: 'not_found' },
  reactivate_user: { input: (t) => ({ user_id: t.userId }), crossTenant: 'not_found' },
  delete_user: { input: (t) => ({ user_id: t.userId }), crossTenant: 'not_found' },
  get_account: { input: () => ({}), crossTenant: 'own_data' },
  update_account: { input: () => ({ name: 'Renamed By Probe', timezone: 'Europe/Berlin' }), crossTenant: 'own_data' },
  get_account_settings: { input: () => ({}), crossTenant: 'own_data' },
  list_api_keys: { input: () => ({ limit: 100 }), crossTenant: 'own_data' },
  create_api_key: { input: () => ({ name: 'probe key', scopes: ['manage:api_keys'] }), crossTenant: 'own_data' },
  revoke_api_key: { input: (t) => ({ key_id: t.keyId }), crossTenant: 'not_found' },
  list_tasks: { input: () => ({ limit: 100 }), crossTenant: 'own_data' },
  get_task: { input: (t) => ({ task_id: t.taskId }), crossTenant: 'not_found' },
  create_task: { input: () => ({ title: 'Probe task', priority: 'high' }), crossTenant: 'own_data' },
  update_task: { input: (t) => ({ task_id: t.taskId, status: 'completed', title: 'Renamed By Probe' }), crossTenant: 'not_found' },
  delete_task: { input: (t) => ({ task_id: t.taskId }), crossTenant: 'not_found' },
  get_subscription: { input: () => ({}), crossTenant: 'own_data' },
  create_subscription: { input: () => ({ package_id: 'professional', seats: 2 }), crossTenant: 'own_data' },
  update_subscription: { input: () => ({ billing_details: { tax_id: 'GB123456789' } }), crossTenant: 'own_data' },
  cancel_subscription: { input: () => ({ at_period_end: true }), crossTenant: 'conflict' },
  get_billing_details: { input: () => ({}), crossTenant: 'own_data' },
  get_usage_balance: { input: () => ({}), crossTenant: 'own_data' },
  get_minute_transactions: { input: () => ({ limit: 100 }), crossTenant: 'own_data' },
  buy_minute_pack: { input: () => ({ pack_id: 'pack_100' }), crossTenant: 'own_data' },
  get_minutes_report: { input: () => ({ period: '7d' }), crossTenant: 'own_data' },
};

/** Ids that exist in no tenant, and a fresh email (scope and authentication probes). */
export function ghostTarget(): OperationTarget {
  return { tenantId: crypto.randomUUID(), userId: crypto.randomUUID(), adminId: crypto.randomUUID(), keyId: crypto.randomUUID(), email: uniqueEmail('probe'), taskId: crypto.randomUUID() };
}

export function operationsWithoutCase(): string[] {
  return operations.filter((op) => !operationCases[op.name]).map((op) => op.name);
}
