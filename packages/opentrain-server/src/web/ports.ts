/** @module What the web module (sign-in, sign-up, claim and account pages) needs from the modules before it. */
import type { FeaturesService, OrganizationsService, UsersService } from '../accounts';
import type { ClaimService } from '../identity';
import type { StepUpService } from '../step-up';
import type { TokensService } from '../tokens';

export interface WebPorts {
  users: UsersService;
  organizations: OrganizationsService;
  features: FeaturesService;
  /** The account page lists and mints the owner's tokens. */
  tokens: TokensService;
  /** The claim page completes an agent's claim. */
  claims: ClaimService;
  /** The owner's scope-request approval pages. */
  stepUp: StepUpService;
}
