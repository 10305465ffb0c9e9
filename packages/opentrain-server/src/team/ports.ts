/** @module What the team module needs from the modules before it. */
import type { FeaturesService, UsersService } from '../accounts';

export interface TeamPorts {
  /** Members are users; invites create or find them. */
  users: UsersService;
  /** The public_api_team flag. */
  features: FeaturesService;
}
