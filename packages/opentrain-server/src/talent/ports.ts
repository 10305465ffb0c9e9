/** @module What the talent module needs from the modules before it. */
import type { UsersService } from '../accounts';
import type { JobsService } from '../jobs';
import type { MagicLinksService } from '../web';

export interface TalentPorts {
  /** Freelancer sign-up checks the email; the pages' signed-in user. */
  users: Pick<UsersService, 'findById' | 'findByEmail'>;
  /** Freelancer sign-up and sign-in by emailed link. */
  magicLinks: Pick<MagicLinksService, 'send'>;
  /** The sandbox marketplace answers each published job. */
  jobs: Pick<JobsService, 'onPublished'>;
}
