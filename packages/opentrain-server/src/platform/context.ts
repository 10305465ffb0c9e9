/** @module What the Public API pipeline knows about a caller, and what every handler receives. */
import type { FeatureKey } from '@opentrain/api';
import type { CallerAuth, RequestScope } from '@platform/kit';
import type { FeatureState } from './accounts/features-service';
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
  /** The account's feature flags, read with the token (feature gates then cost no query). */
  features?: Record<FeatureKey, FeatureState>;
}

export interface OpenTrainContext {
  auth: OpenTrainAuth | null;
  scope: RequestScope<OpenTrainAuth>;
  services: Services;
}
