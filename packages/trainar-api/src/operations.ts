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
import buyMinutePack from './operations/billing/buy-minute-pack';
import cancelSubscription from './operations/billing/cancel-subscription';
import createSubscription from './operations/billing/create-subscription';
import getBillingDetails from './operations/billing/get-billing-details';
import getMinuteTransactions from './operations/billing/get-minute-transactions';
import getSubscription from './operations/billing/get-subscription';
import getUsageBalance from './operations/billing/get-usage-balance';
import updateSubscription from './operations/billing/update-subscription';
import getMinutesReport from './operations/reports/get-minutes-report';

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
  getSubscription,
  createSubscription,
  updateSubscription,
  cancelSubscription,
  getBillingDetails,
  getUsageBalance,
  getMinuteTransactions,
  buyMinutePack,
  getMinutesReport,
};

export const operations: AnyOperation[] = Object.values(ops);
