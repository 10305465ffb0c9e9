/** @module What the jobs module needs from the modules before it. */
import type { UsersService } from '../accounts';

export interface JobsPorts {
  /** The owner's draft review page (`/job-post`) checks the signed-in user's organization. */
  users: Pick<UsersService, 'findById' | 'membership'>;
}
