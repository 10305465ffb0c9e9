/** @module What the team module needs from the modules before it. */
import type { FeaturesService, UsersService } from '../accounts';

export interface TeamPorts {
  /** Invitees' names, and the signed-in owner on the team pages. */
  users: Pick<UsersService, 'findById' | 'findByEmail' | 'membership'>;
  /** The public_api_team flag. */
  features: FeaturesService;
}
