/**
 * @module What to do after an API error, printed under the error line and its details: the
 * command that fixes it where there is one (claim, log in, pick a field), else nothing.
 */
import type { ResolvedAuth } from '@opentrain/client';
import { type ApiClientError, kebab } from '@platform/kit';
import { BIN } from './commands-map';

function detail(err: ApiClientError, key: string): unknown {
  return err.details?.[key];
}

export function errorHint(err: ApiClientError, auth: ResolvedAuth | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const reason = detail(err, 'reason');
  if (err.status === 0) {
    return `Hint: check the base URL (${auth?.baseUrl ?? 'unknown'}; set it with --base-url or OT_API_BASE_URL) and that the server is running.`;
  }
  if (err.status === 401) {
    if (!auth?.token) return `Hint: no token found. Run "${BIN} auth register" (new agent account) or "${BIN} auth login --api-key ot_pat_…".`;
    const source = auth.tokenSource === 'env' ? (env.OT_API_TOKEN ? 'OT_API_TOKEN' : 'OPENTRAIN_API_TOKEN') : 'the saved credentials';
    return `Hint: the token from ${source} was rejected (revoked, expired, or for another server). A claim revokes pre-claim tokens: run "${BIN} auth claim-status" or "${BIN} auth login --api-key <token>".`;
  }
  if (reason === 'account_claim_required') {
    const url = detail(err, 'claimUrl');
    return `Hint: a human must claim this account first: "${BIN} auth claim --email <owner-email>", then "${BIN} auth claim-status --wait"${url ? ` (claim page: ${url})` : ''}.`;
  }
  if (reason === 'payment_method_required' && detail(err, 'billingUrl')) return `Hint: a human must add a payment method at ${detail(err, 'billingUrl')}.`;
  if (typeof detail(err, 'stepUpUrl') === 'string') {
    return `Hint: the account owner opens ${detail(err, 'stepUpUrl')} and approves ${((detail(err, 'missingScopes') as string[] | undefined) ?? []).join(', ')} for this token; retry after the owner approves (same token, nothing to restart).`;
  }
  if (reason === 'insufficient_credits' && detail(err, 'billingUrl')) return `Hint: a human tops up credits at ${detail(err, 'billingUrl')}, then retry.`;
  if (typeof detail(err, 'nextStep') === 'string' && err.status !== 400) return `Hint: ${detail(err, 'nextStep')}`;
  if (err.status === 403 && Array.isArray(detail(err, 'requiredScopes'))) {
    return `Hint: this token lacks ${(detail(err, 'requiredScopes') as string[]).join(', ')}. Claimed accounts get more scopes; other scopes need a token minted in the app ("${BIN} auth login --api-key <token>").`;
  }
  if (err.status === 403 && detail(err, 'featureKey')) return `Hint: feature ${detail(err, 'featureKey')} is not enabled for this account. See "${BIN} capabilities".`;
  if (err.status === 400 && typeof detail(err, 'field') === 'string') {
    const field = detail(err, 'field') as string;
    return `Hint: fix ${field} (flag --${kebab(field)}, or --set ${field}=<value> on update commands); "--help" lists the accepted values.`;
  }
  if (err.status === 429 && detail(err, 'retryAfterSeconds')) return `Hint: try again in ${detail(err, 'retryAfterSeconds')} s.`;
  return undefined;
}
