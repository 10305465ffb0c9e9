/**
 * @module SessionTasks until the tasks module is wired: sessions without a task work; a task_id is
 * refused with a clear 400 (never silently dropped).
 */
import { badRequest } from '@platform/kit';
import type { SessionTasks } from './ports';

export const unlinkedSessionTasks: SessionTasks = {
  async get(_trx, _tenantId, taskId) {
    throw badRequest(`Sessions cannot be linked to tasks on this server yet (task_id ${taskId}); start the session without task_id.`, { field: 'task_id' });
  },
  async setStatus() {
    throw badRequest('Sessions cannot be linked to tasks on this server yet; start the session without task_id.', { field: 'task_id' });
  },
};
