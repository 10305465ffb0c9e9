/**
 * @module The TrainAR operation registry: every Tenant REST API operation, in one list. REST
 * routes, OpenAPI and hosted MCP tools are derived from it; `operations.test.ts` fails when an
 * operation file is not listed here.
 */
import type { AnyOperation } from '@platform/kit';
import createApiKey from './operations/api-keys/create-api-key';
import listApiKeys from './operations/api-keys/list-api-keys';
import revokeApiKey from './operations/api-keys/revoke-api-key';
import getAccount from './operations/account/get-account';
import getAccountSettings from './operations/account/get-account-settings';
import updateAccount from './operations/account/update-account';
import deactivateUser from './operations/users/deactivate-user';
import deleteUser from './operations/users/delete-user';
import getUser from './operations/users/get-user';
import inviteUser from './operations/users/invite-user';
import listUsers from './operations/users/list-users';
import reactivateUser from './operations/users/reactivate-user';
import updateUser from './operations/users/update-user';
import updateUserRole from './operations/users/update-user-role';
import createTask from './operations/tasks/create-task';
import deleteTask from './operations/tasks/delete-task';
import getTask from './operations/tasks/get-task';
import listTasks from './operations/tasks/list-tasks';
import updateTask from './operations/tasks/update-task';
import createSkill from './operations/skills/create-skill';
import deleteSkill from './operations/skills/delete-skill';
import executeSkill from './operations/skills/execute-skill';
import getSkill from './operations/skills/get-skill';
import listSkillExecutions from './operations/skills/list-skill-executions';
import listSkills from './operations/skills/list-skills';
import updateSkill from './operations/skills/update-skill';
import createWebhook from './operations/webhooks/create-webhook';
import deleteWebhook from './operations/webhooks/delete-webhook';
import getWebhook from './operations/webhooks/get-webhook';
import listWebhooks from './operations/webhooks/list-webhooks';
import updateWebhook from './operations/webhooks/update-webhook';
import listKnowledge from './operations/knowledge/list-knowledge';
import getKnowledge from './operations/knowledge/get-knowledge';
import uploadKnowledge from './operations/knowledge/upload-knowledge';
import uploadKnowledgeFile from './operations/knowledge/upload-knowledge-file';
import bulkUploadKnowledgeFiles from './operations/knowledge/bulk-upload-knowledge-files';
import processKnowledge from './operations/knowledge/process-knowledge';
import searchKnowledge from './operations/knowledge/search-knowledge';
import updateKnowledgeFile from './operations/knowledge/update-knowledge-file';
import deleteKnowledge from './operations/knowledge/delete-knowledge';
import listKnowledgeCollections from './operations/knowledge/list-knowledge-collections';
import getKnowledgeCollection from './operations/knowledge/get-knowledge-collection';
import createKnowledgeCollection from './operations/knowledge/create-knowledge-collection';
import updateKnowledgeCollection from './operations/knowledge/update-knowledge-collection';
import deleteKnowledgeCollection from './operations/knowledge/delete-knowledge-collection';
import addSeat from './operations/seats/add-seat';
import listSeats from './operations/seats/list-seats';
import orderSeatHardware from './operations/seats/order-seat-hardware';
import registerSeatSerial from './operations/seats/register-seat-serial';
import removeSeat from './operations/seats/remove-seat';
import updateSeat from './operations/seats/update-seat';
import generatePairingCode from './operations/devices/generate-pairing-code';
import getDevice from './operations/devices/get-device';
import listDevices from './operations/devices/list-devices';
import listOrders from './operations/devices/list-orders';
import unpairDevice from './operations/devices/unpair-device';
import getSession from './operations/sessions/get-session';
import getSessionAnalytics from './operations/sessions/get-session-analytics';
import listSessions from './operations/sessions/list-sessions';
import buyMinutePack from './operations/billing/buy-minute-pack';
import cancelSubscription from './operations/billing/cancel-subscription';
import createSubscription from './operations/billing/create-subscription';
import getBillingDetails from './operations/billing/get-billing-details';
import getMinuteTransactions from './operations/billing/get-minute-transactions';
import getSubscription from './operations/billing/get-subscription';
import getUsageBalance from './operations/billing/get-usage-balance';
import updateSubscription from './operations/billing/update-subscription';
import getMinutesReport from './operations/reports/get-minutes-report';
import listIntegrations from './operations/integrations/list-integrations';
import listTenantIntegrations from './operations/integrations/list-tenant-integrations';
import getIntegrationConnectUrl from './operations/integrations/get-integration-connect-url';
import getIntegrationStatus from './operations/integrations/get-integration-status';
import disconnectIntegration from './operations/integrations/disconnect-integration';
import triggerSync from './operations/integrations/trigger-sync';
import getReportsOverview from './operations/reports/get-reports-overview';
import getSessionsReport from './operations/reports/get-sessions-report';
import getTasksReport from './operations/reports/get-tasks-report';
import getUsersReport from './operations/reports/get-users-report';

export const ops = {
  listUsers,
  getUser,
  inviteUser,
  updateUser,
  updateUserRole,
  deactivateUser,
  reactivateUser,
  deleteUser,
  getAccount,
  updateAccount,
  getAccountSettings,
  listApiKeys,
  createApiKey,
  revokeApiKey,
  listTasks,
  getTask,
  createTask,
  updateTask,
  deleteTask,
  listSkills,
  getSkill,
  createSkill,
  updateSkill,
  deleteSkill,
  executeSkill,
  listSkillExecutions,
  listWebhooks,
  createWebhook,
  getWebhook,
  updateWebhook,
  deleteWebhook,
  listKnowledge,
  getKnowledge,
  uploadKnowledge,
  uploadKnowledgeFile,
  bulkUploadKnowledgeFiles,
  processKnowledge,
  searchKnowledge,
  updateKnowledgeFile,
  deleteKnowledge,
  listKnowledgeCollections,
  getKnowledgeCollection,
  createKnowledgeCollection,
  updateKnowledgeCollection,
  deleteKnowledgeCollection,
  listSeats,
  addSeat,
  updateSeat,
  removeSeat,
  registerSeatSerial,
  orderSeatHardware,
  listDevices,
  getDevice,
  generatePairingCode,
  unpairDevice,
  listOrders,
  listSessions,
  getSession,
  getSessionAnalytics,
  getSubscription,
  createSubscription,
  updateSubscription,
  cancelSubscription,
  getBillingDetails,
  getUsageBalance,
  getMinuteTransactions,
  buyMinutePack,
  getReportsOverview,
  getSessionsReport,
  getUsersReport,
  getMinutesReport,
  getTasksReport,
  listIntegrations,
  listTenantIntegrations,
  getIntegrationConnectUrl,
  getIntegrationStatus,
  disconnectIntegration,
  triggerSync,
};

export const operations: AnyOperation[] = Object.values(ops);
