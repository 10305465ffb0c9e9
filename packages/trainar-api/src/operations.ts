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
};

export const operations: AnyOperation[] = Object.values(ops);
