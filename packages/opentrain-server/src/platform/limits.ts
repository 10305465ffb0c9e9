/**
 * @module Rate limits (fixed windows counted in the database, shared by every instance). The
 * defaults are the documented ones (docs/opentrain-auth.md); tests may lower or raise them.
 */
export interface WindowLimit {
  limit: number;
  windowSeconds: number;
}

export interface OpenTrainLimits {
  /** POST /api/agent/identity, per client IP. */
  registrationPerIp: WindowLimit;
  /** POST /api/agent/identity/claim, per claim token. */
  claimStartPerClaimToken: WindowLimit;
  /** POST /api/agent/identity/claim, per client IP. */
  claimStartPerIp: WindowLimit;
  /** POST /api/agent/oauth/token, per client IP (per claim, polling is governed by slow_down). */
  tokenPollPerIp: WindowLimit;
  /** POST /api/agent/oauth/revoke, per client IP. */
  revokePerIp: WindowLimit;
  /** Every authenticated Public API call, per token. */
  publicApiPerToken: WindowLimit;
  /** Public API calls without a token, per client IP. */
  publicApiPerIp: WindowLimit;
  /** Sign-in / sign-up emails and password attempts, per client IP. */
  signInPerIp: WindowLimit;
  /** Sign-in / sign-up emails and password attempts, per email address and client IP. */
  signInPerAddressAndIp: WindowLimit;
  /** Sign-in / sign-up emails, per email address (any IP): caps mail to one inbox. */
  signInEmailsPerAddress: WindowLimit;
  /** User-code submissions on the claim page, per client IP. */
  claimCodePerIp: WindowLimit;
  /**
   * Failed secret guesses per client IP, per kind of secret (unknown, revoked or malformed bearer
   * tokens; unknown sign-in links; payment webhooks with a bad signature): then 429 until the window ends.
   */
  secretGuessesPerIp: WindowLimit;
  /** Wrong user codes before a claim attempt locks (the agent must restart the claim). */
  wrongCodesPerAttempt: number;
  /** Active (unrevoked, unexpired) tokens per organization. */
  maxActiveTokens: number;
}

export const DEFAULT_LIMITS: OpenTrainLimits = {
  registrationPerIp: { limit: 10, windowSeconds: 3600 },
  claimStartPerClaimToken: { limit: 10, windowSeconds: 3600 },
  claimStartPerIp: { limit: 30, windowSeconds: 3600 },
  tokenPollPerIp: { limit: 120, windowSeconds: 60 },
  revokePerIp: { limit: 60, windowSeconds: 60 },
  publicApiPerToken: { limit: 600, windowSeconds: 60 },
  publicApiPerIp: { limit: 120, windowSeconds: 60 },
  signInPerIp: { limit: 20, windowSeconds: 3600 },
  signInPerAddressAndIp: { limit: 5, windowSeconds: 3600 },
  signInEmailsPerAddress: { limit: 20, windowSeconds: 3600 },
  claimCodePerIp: { limit: 30, windowSeconds: 3600 },
  secretGuessesPerIp: { limit: 30, windowSeconds: 600 },
  wrongCodesPerAttempt: 5,
  maxActiveTokens: 25,
};

export function resolveLimits(overrides: Partial<OpenTrainLimits> = {}): OpenTrainLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
