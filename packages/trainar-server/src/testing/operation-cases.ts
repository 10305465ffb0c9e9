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
  /** A tenant skill (webhook on loopback, no parameters required). */
  skillId: string;
  /** A webhook endpoint of the tenant. */
  webhookId: string;
  /** A knowledge item with one file, and a knowledge collection. */
  knowledgeId: string;
  fileId: string;
  collectionId: string;
  /** A seat with a paired device, that device, and a session it ran. */
  seatId: string;
  deviceId: string;
  sessionId: string;
  /** A connected integration of the tenant. */
  integrationId: string;
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
  list_skills: { input: () => ({ include_system: true, limit: 100 }), crossTenant: 'own_data' },
  get_skill: { input: (t) => ({ skill_id: t.skillId }), crossTenant: 'not_found' },
  create_skill: { input: () => ({ display_name: 'Probe Skill', description: 'Probe', webhook_url: 'http://127.0.0.1:9/probe' }), crossTenant: 'own_data' },
  update_skill: { input: (t) => ({ skill_id: t.skillId, display_name: 'Renamed By Probe', is_active: false }), crossTenant: 'not_found' },
  delete_skill: { input: (t) => ({ skill_id: t.skillId }), crossTenant: 'not_found' },
  execute_skill: { input: (t) => ({ skill_id: t.skillId, arguments: {}, session_context: { user_id: t.adminId, role: 'trainer' } }), crossTenant: 'not_found' },
  list_skill_executions: { input: (t) => ({ skill_id: t.skillId, limit: 100 }), crossTenant: 'own_data' },
  list_webhooks: { input: () => ({}), crossTenant: 'own_data' },
  // A public IP literal: passes the URL rule without DNS; no event is emitted, so nothing is sent.
  create_webhook: { input: () => ({ url: 'https://93.184.215.14/probe', events: ['task.created'] }), crossTenant: 'own_data' },
  get_webhook: { input: (t) => ({ endpoint_id: t.webhookId }), crossTenant: 'not_found' },
  update_webhook: { input: (t) => ({ endpoint_id: t.webhookId, url: 'https://93.184.215.14/moved', events: ['task.completed'], is_active: false }), crossTenant: 'not_found' },
  delete_webhook: { input: (t) => ({ endpoint_id: t.webhookId }), crossTenant: 'not_found' },
  list_knowledge: { input: () => ({ limit: 50 }), crossTenant: 'own_data' },
  get_knowledge: { input: (t) => ({ knowledge_id: t.knowledgeId }), crossTenant: 'not_found' },
  upload_knowledge: { input: (t) => ({ name: 'Probe doc', content: 'probe', collection_id: t.collectionId }), crossTenant: 'not_found' },
  upload_knowledge_file: { input: (t) => ({ knowledge_id: t.knowledgeId, filename: 'probe.txt', content: 'probe' }), crossTenant: 'not_found' },
  bulk_upload_knowledge_files: { input: (t) => ({ knowledge_id: t.knowledgeId, files: [{ filename: 'probe.txt', content: 'probe' }] }), crossTenant: 'not_found' },
  process_knowledge: { input: (t) => ({ knowledge_id: t.knowledgeId }), crossTenant: 'not_found' },
  search_knowledge: { input: () => ({ query: 'probe' }), crossTenant: 'own_data' },
  update_knowledge_file: { input: (t) => ({ file_id: t.fileId, filename: 'renamed.txt', metadata: { probe: true } }), crossTenant: 'not_found' },
  delete_knowledge: { input: (t) => ({ knowledge_id: t.knowledgeId }), crossTenant: 'not_found' },
  list_knowledge_collections: { input: () => ({ limit: 100 }), crossTenant: 'own_data' },
  get_knowledge_collection: { input: (t) => ({ collection_id: t.collectionId }), crossTenant: 'not_found' },
  create_knowledge_collection: { input: () => ({ name: 'Probe collection' }), crossTenant: 'own_data' },
  update_knowledge_collection: { input: (t) => ({ collection_id: t.collectionId, name: 'Renamed By Probe' }), crossTenant: 'not_found' },
  delete_knowledge_collection: { input: (t) => ({ collection_id: t.collectionId }), crossTenant: 'not_found' },
  list_seats: { input: () => ({}), crossTenant: 'own_data' },
  add_seat: { input: (t) => ({ roles: ['trainee'], user_id: t.userId }), crossTenant: 'not_found' },
  update_seat: { input: (t) => ({ seat_id: t.seatId, roles: ['trainer'] }), crossTenant: 'not_found' },
  remove_seat: { input: (t) => ({ seat_id: t.seatId }), crossTenant: 'not_found' },
  register_seat_serial: { input: (t) => ({ seat_id: t.seatId, model: 'INMO Air 3', serial: 'PROBE12345' }), crossTenant: 'not_found' },
  order_seat_hardware: { input: (t) => ({ seat_id: t.seatId, product: 'inmo_air_3' }), crossTenant: 'not_found' },
  list_orders: { input: () => ({}), crossTenant: 'own_data' },
  list_devices: { input: () => ({}), crossTenant: 'own_data' },
  get_device: { input: (t) => ({ device_id: t.deviceId }), crossTenant: 'not_found' },
  generate_pairing_code: { input: (t) => ({ seat_id: t.seatId }), crossTenant: 'not_found' },
  unpair_device: { input: (t) => ({ device_id: t.deviceId }), crossTenant: 'not_found' },
  list_sessions: { input: () => ({ limit: 100 }), crossTenant: 'own_data' },
  get_session: { input: (t) => ({ session_id: t.sessionId }), crossTenant: 'not_found' },
  get_session_analytics: { input: () => ({}), crossTenant: 'own_data' },
  get_subscription: { input: () => ({}), crossTenant: 'own_data' },
  create_subscription: { input: () => ({ package_id: 'professional', seats: 2 }), crossTenant: 'own_data' },
  update_subscription: { input: () => ({ billing_details: { tax_id: 'GB123456789' } }), crossTenant: 'own_data' },
  cancel_subscription: { input: () => ({ at_period_end: true }), crossTenant: 'conflict' },
  get_billing_details: { input: () => ({}), crossTenant: 'own_data' },
  get_usage_balance: { input: () => ({}), crossTenant: 'own_data' },
  get_minute_transactions: { input: () => ({ limit: 100 }), crossTenant: 'own_data' },
  buy_minute_pack: { input: () => ({ pack_id: 'pack_100' }), crossTenant: 'own_data' },
  get_minutes_report: { input: () => ({ period: '7d' }), crossTenant: 'own_data' },
  list_integrations: { input: () => ({}), crossTenant: 'own_data' },
  list_tenant_integrations: { input: () => ({}), crossTenant: 'own_data' },
  get_integration_connect_url: { input: () => ({ provider: 'servicem8' }), crossTenant: 'own_data' },
  get_integration_status: { input: (t) => ({ integration_id: t.integrationId }), crossTenant: 'not_found' },
  disconnect_integration: { input: (t) => ({ integration_id: t.integrationId }), crossTenant: 'not_found' },
  trigger_sync: { input: (t) => ({ integration_id: t.integrationId }), crossTenant: 'not_found' },
  get_reports_overview: { input: () => ({ period: '30d' }), crossTenant: 'own_data' },
  get_sessions_report: { input: () => ({ period: '30d' }), crossTenant: 'own_data' },
  get_users_report: { input: () => ({ period: '30d' }), crossTenant: 'own_data' },
  get_tasks_report: { input: () => ({ period: '30d' }), crossTenant: 'own_data' },
};

/** Ids that exist in no tenant, and a fresh email (scope and authentication probes). */
export function ghostTarget(): OperationTarget {
  const id = () => crypto.randomUUID();
  return { tenantId: id(), userId: id(), adminId: id(), keyId: id(), email: uniqueEmail('probe'), taskId: id(), skillId: id(), webhookId: id(), knowledgeId: id(), fileId: id(), collectionId: id(), seatId: id(), deviceId: id(), sessionId: id(), integrationId: id() };
}

export function operationsWithoutCase(): string[] {
  return operations.filter((op) => !operationCases[op.name]).map((op) => op.name);
}
