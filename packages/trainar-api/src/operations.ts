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
};

export const operations: AnyOperation[] = Object.values(ops);
