/**
 * @module What the Public API pipeline knows about a caller, and what every handler receives: the
 * request (auth, scope) plus one module's services. The pipeline's own gates and next steps get
 * `AccessServices`; a module's handlers get that module's services (see platform/module.ts).
 */
import type { FeatureKey, RolloutMode } from '@opentrain/api';
import type { CallerAuth, Clock, Logger, Mailer, RateLimiter, RequestScope, SessionStore } from '@platform/kit';
import type { OtDb } from './db';
import type { OpenTrainLimits } from './limits';

/** A feature flag's state for one account (accounts owns the flags; the pipeline reads them). */
export interface FeatureState {
  enabled: boolean;
  mode: RolloutMode;
}

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

/** Infrastructure every module receives from the composition root: one database, clock, mailer… */
export interface PlatformServices {
  db: OtDb;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  limits: OpenTrainLimits;
  limiter: RateLimiter;
  publicUrl(): string;
  /** Dev mode (kit `resolveDevMode`): /dev/mail, the sandbox marketplace, loopback webhook URLs. */
  embedded: boolean;
  /** Per-domain settings overrides (tests, start script); each module reads its own keys. */
  settings: Record<string, unknown>;
  /** Human sign-in sessions (the `ot_session` cookie). */
  sessions: SessionStore;
}

/** How every step-up hint ends: the agent retries the same call with the same token. */
export const RETRY_AFTER_APPROVAL = 'retry after the owner approves';

export interface StepUpOffer {
  stepUpUrl: string;
  stepUpRequestId: string;
  missingScopes: string[];
  expiresAt: string;
}

/** What the pipeline's gates and next steps read: rate limits, feature flags, step-up offers. */
export interface AccessServices {
  publicUrl(): string;
  limits: OpenTrainLimits;
  limiter: RateLimiter;
  features: { state(organizationId: string | null, key: string): Promise<FeatureState> };
  stepUp: { offer(auth: OpenTrainAuth, missing: readonly string[]): Promise<StepUpOffer | null> };
}

export interface OpenTrainContext<S = AccessServices> {
  auth: OpenTrainAuth | null;
  scope: RequestScope<OpenTrainAuth>;
  services: S;
}
