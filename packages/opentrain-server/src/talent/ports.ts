/** @module What the talent module needs from the modules before it. */
import type { UsersService } from '../accounts';
import type { JobsService } from '../jobs';
import type { MagicLinksService } from '../web';

export interface TalentPorts {
  /** Freelancer sign-up finds or creates the user by email. */
  users: UsersService;
  /** Freelancer sign-up and sign-in by emailed link. */
  magicLinks: MagicLinksService;
  /** The sandbox marketplace answers each published job. */
  jobs: Pick<JobsService, 'onPublished'>;
}
