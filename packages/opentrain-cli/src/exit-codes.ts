/**
 * @module Exit codes of `opentrain` (documented in docs/cli.md): the kit's codes shared by every
 * product CLI, plus the claim wait that ran out of time.
 */
import { AgentAuthError } from '@opentrain/client';
import { EXIT as KIT_EXIT, exitCodeForStatus } from '@platform/kit';

export const EXIT = {
  ...KIT_EXIT,
  /** `auth claim-status --wait` reached --timeout before the human completed the claim. */
  claimPending: 10,
} as const;

/** Agent-auth (OAuth-shaped) errors: a dead or unknown claim is an auth problem, not bad input. */
export function exitCodeForAgentAuth(err: AgentAuthError): number {
  if (['expired_token', 'invalid_grant', 'anonymous_not_enabled', 'access_denied'].includes(err.error)) return EXIT.auth;
  return exitCodeForStatus(err.status);
}

export { AgentAuthError };
