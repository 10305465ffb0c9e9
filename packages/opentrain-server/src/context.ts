/** @module What the Public API pipeline knows about a caller, and what every handler receives. */
import type { CallerAuth, RequestScope } from '@platform/kit';
import type { Services } from './services';

export interface OpenTrainAuth extends CallerAuth {
  /** = tokenId. */
  credentialId: string;
  scopes: string[];
  tokenId: string;
  tokenName: string;
  organizationId: string;
  /** The human the token acts for; null while the account is unclaimed. */
  userId: string | null;
  /** True once a human has claimed the organization. */
  claimed: boolean;
  expiresAt: Date | null;
}

export interface OpenTrainContext {
  auth: OpenTrainAuth | null;
  scope: RequestScope<OpenTrainAuth>;
  services: Services;
}
