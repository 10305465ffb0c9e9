/**
 * @module One valid input per operation, aimed at a target's resources, for the table-driven
 * authorization matrix, scope and catalogue tests. A test fails when an operation in the registry
 * has no case here, so every later operation is covered as soon as it is added.
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
  /**
   * A valid input aimed at the target's resources. What another tenant's key gets for it is derived
   * from the contract by the authorization matrix (`hardening/authorization.test.ts`).
   */
  input(target: OperationTarget): Record<string, unknown>;
}

export const operationCases: Record<string, OperationCase> = {
  list_users: { input: () => ({ limit: 100 }) },
  get_user: { input: (t) => ({ user_id: t.userId }) },
  invite_user: { input: (t) => ({ email: t.email, full_name: 'Probe User', role: 'member' }) },
  update_user: { input: (t) => ({ user_id: t.userId, full_name: 'Renamed By Probe', role: 'admin', is_active: false }) },
  update_user_role: { input: (t) => ({ user_id: t.userId, role: 'admin' }) },
  deactivate_user: { input: (t) => ({ user_id: t.userId }) },
  reactivate_user: { input: (t) => ({ user_id: t.userId }) },
  delete_user: { input: (t) => ({ user_id: t.userId }) },
  get_account: { input: () => ({}) },
  update_account: { input: () => ({ name: 'Renamed By Probe', timezone: 'Europe/Berlin' }) },
  get_account_settings: { input: () => ({}) },
  list_api_keys: { input: () => ({ limit: 100 }) },
  create_api_key: { input: () => ({ name: 'probe key', scopes: ['manage:api_keys'] }) },
  revoke_api_key: { input: (t) => ({ key_id: t.keyId }) },
  list_tasks: { input: () => ({ limit: 100 }) },
  get_task: { input: (t) => ({ task_id: t.taskId }) },
  create_task: { input: () => ({ title: 'Probe task', priority: 'high' }) },
  update_task: { input: (t) => ({ task_id: t.taskId, status: 'completed', title: 'Renamed By Probe' }) },
  delete_task: { input: (t) => ({ task_id: t.taskId }) },
  list_skills: { input: () => ({ include_system: true, limit: 100 }) },
  get_skill: { input: (t) => ({ skill_id: t.skillId }) },
  create_skill: { input: () => ({ display_name: 'Probe Skill', description: 'Probe', webhook_url: 'http://127.0.0.1:9/probe' }) },
  update_skill: { input: (t) => ({ skill_id: t.skillId, display_name: 'Renamed By Probe', is_active: false }) },
  delete_skill: { input: (t) => ({ skill_id: t.skillId }) },
  execute_skill: { input: (t) => ({ skill_id: t.skillId, arguments: {}, session_context: { user_id: t.adminId, role: 'trainer' } }) },
  list_skill_executions: { input: (t) => ({ skill_id: t.skillId, limit: 100 }) },
  list_webhooks: { input: () => ({}) },
  // A public IP literal: passes the URL rule without DNS; no event is emitted, so nothing is sent.
  create_webhook: { input: () => ({ url: 'https://93.184.215.14/probe', events: ['task.created'] }) },
  get_webhook: { input: (t) => ({ endpoint_id: t.webhookId }) },
  update_webhook: { input: (t) => ({ endpoint_id: t.webhookId, url: 'https://93.184.215.14/moved', events: ['task.completed'], is_active: false }) },
  delete_webhook: { input: (t) => ({ endpoint_id: t.webhookId }) },
  list_knowledge: { input: () => ({ limit: 50 }) },
  get_knowledge: { input: (t) => ({ knowledge_id: t.knowledgeId }) },
  upload_knowledge: { input: (t) => ({ name: 'Probe doc', content: 'probe', collection_id: t.collectionId }) },
  upload_knowledge_file: { input: (t) => ({ knowledge_id: t.knowledgeId, filename: 'probe.txt', content: 'probe' }) },
  bulk_upload_knowledge_files: { input: (t) => ({ knowledge_id: t.knowledgeId, files: [{ filename: 'probe.txt', content: 'probe' }] }) },
  process_knowledge: { input: (t) => ({ knowledge_id: t.knowledgeId }) },
  search_knowledge: { input: () => ({ query: 'probe' }) },
  update_knowledge_file: { input: (t) => ({ file_id: t.fileId, filename: 'renamed.txt', metadata: { probe: true } }) },
  delete_knowledge: { input: (t) => ({ knowledge_id: t.knowledgeId }) },
  list_knowledge_collections: { input: () => ({ limit: 100 }) },
  get_knowledge_collection: { input: (t) => ({ collection_id: t.collectionId }) },
  create_knowledge_collection: { input: () => ({ name: 'Probe collection' }) },
  update_knowledge_collection: { input: (t) => ({ collection_id: t.collectionId, name: 'Renamed By Probe' }) },
  delete_knowledge_collection: { input: (t) => ({ collection_id: t.collectionId }) },
  list_seats: { input: () => ({}) },
  add_seat: { input: (t) => ({ roles: ['trainee'], user_id: t.userId }) },
  update_seat: { input: (t) => ({ seat_id: t.seatId, roles: ['trainer'] }) },
  remove_seat: { input: (t) => ({ seat_id: t.seatId }) },
  register_seat_serial: { input: (t) => ({ seat_id: t.seatId, model: 'INMO Air 3', serial: 'PROBE12345' }) },
  order_seat_hardware: { input: (t) => ({ seat_id: t.seatId, product: 'inmo_air_3' }) },
  list_orders: { input: () => ({}) },
  list_devices: { input: () => ({}) },
  get_device: { input: (t) => ({ device_id: t.deviceId }) },
  generate_pairing_code: { input: (t) => ({ seat_id: t.seatId }) },
  unpair_device: { input: (t) => ({ device_id: t.deviceId }) },
  list_sessions: { input: () => ({ limit: 100 }) },
  get_session: { input: (t) => ({ session_id: t.sessionId }) },
  get_session_analytics: { input: () => ({}) },
  get_subscription: { input: () => ({}) },
  create_subscription: { input: () => ({ package_id: 'professional', seats: 2 }) },
  update_subscription: { input: () => ({ billing_details: { tax_id: 'GB123456789' } }) },
  cancel_subscription: { input: () => ({ at_period_end: true }) },
  get_billing_details: { input: () => ({}) },
  get_usage_balance: { input: () => ({}) },
  get_minute_transactions: { input: () => ({ limit: 100 }) },
  buy_minute_pack: { input: () => ({ pack_id: 'pack_100' }) },
  get_minutes_report: { input: () => ({ period: '7d' }) },
  list_integrations: { input: () => ({}) },
  list_tenant_integrations: { input: () => ({}) },
  get_integration_connect_url: { input: () => ({ provider: 'servicem8' }) },
  get_integration_status: { input: (t) => ({ integration_id: t.integrationId }) },
  disconnect_integration: { input: (t) => ({ integration_id: t.integrationId }) },
  trigger_sync: { input: (t) => ({ integration_id: t.integrationId }) },
  get_reports_overview: { input: () => ({ period: '30d' }) },
  get_sessions_report: { input: () => ({ period: '30d' }) },
  get_users_report: { input: () => ({ period: '30d' }) },
  get_tasks_report: { input: () => ({ period: '30d' }) },
};

/** Ids that exist in no tenant, and a fresh email (scope and authentication probes). */
export function ghostTarget(): OperationTarget {
  const id = () => crypto.randomUUID();
  return { tenantId: id(), userId: id(), adminId: id(), keyId: id(), email: uniqueEmail('probe'), taskId: id(), skillId: id(), webhookId: id(), knowledgeId: id(), fileId: id(), collectionId: id(), seatId: id(), deviceId: id(), sessionId: id(), integrationId: id() };
}

/** The MCP spelling of an input where the tool's schema renames a REST field (webhooks: webhook_id). */
export function mcpArguments(name: string, input: Record<string, unknown>): Record<string, unknown> {
  const op = operations.find((o) => o.name === name);
  if (!op?.mcpInput || !('endpoint_id' in input)) return input;
  const { endpoint_id, ...rest } = input;
  return { ...rest, webhook_id: endpoint_id };
}

export function operationsWithoutCase(): string[] {
  return operations.filter((op) => !operationCases[op.name]).map((op) => op.name);
}
