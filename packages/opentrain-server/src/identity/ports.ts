/** @module What the identity module (agent registration, claims, `GET /auth/me`) needs from the modules before it. */
import type { FeaturesService, OrganizationsService, UsersService } from '../accounts';
import type { StepUpService } from '../step-up';
import type { TokensService } from '../tokens';

export interface IdentityPorts {
  users: UsersService;
  organizations: OrganizationsService;
  features: FeaturesService;
  tokens: TokensService;
  /** Capabilities and `auth/me` link the owner's approval page for missing scopes. */
  stepUp: StepUpService;
}

export interface IdentityOptions {
  /** Anonymous agent registration (`POST /api/agent/identity/register` without a human). */
  anonymousRegistration: boolean;
}
