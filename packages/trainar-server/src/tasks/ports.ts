/** @module What the tasks module needs from the modules before it. */
import type { UserService } from '../users';

export interface TasksPorts {
  /** Dashboard → Tasks offers the tenant's active users as assignees. */
  users: Pick<UserService, 'list'>;
}
