/**
 * @module The gates every Public API call passes after authentication and the scope check (which
 * the kit pipeline runs): (2) claimed account, (3) per-account feature flag — in that order,
 * whatever order the contract lists them in. Calls without a token are rate limited per IP here.
 */
import { type FeatureKey, POST_CLAIM_SCOPES, opentrainHasScope, parseGate } from '@opentrain/api';
import { type AnyOperation, forbidden, rateLimited, unauthorized } from '@platform/kit';
import type { OpenTrainContext } from './context';

/** Where a human (or an agent explaining it) learns how to claim an agent account. */
export const claimHelpUrl = (publicUrl: string) => `${publicUrl}/claim`;

function claimRequired(action: string, ctx: OpenTrainContext) {
  return forbidden(`A human must claim this agent account before it can ${action}.`, {
    reason: 'account_claim_required',
    action,
    claimUrl: claimHelpUrl(ctx.services.publicUrl()),
  });
}

/**
 * A pre-claim token lacks the scopes of claim-gated operations (hire, message, invite…): when claiming
 * is what would grant them, say so (403 `account_claim_required` with `claimUrl`) rather than a bare
 * `insufficient_scope` the agent cannot act on.
 */
export function explainMissingScopes(op: AnyOperation, ctx: OpenTrainContext, lacking: string[]): void {
  if (!ctx.auth || ctx.auth.claimed) return;
  const claimed = (op.gates ?? []).map(parseGate).find((g) => g.kind === 'claimed');
  if (claimed?.kind !== 'claimed') return;
  if (lacking.every((s) => (POST_CLAIM_SCOPES as string[]).includes(s))) throw claimRequired(claimed.action, ctx);
}

export async function checkGates(op: AnyOperation, ctx: OpenTrainContext): Promise<void> {
  const { auth, services } = ctx;
  if (!auth) {
    const { limit, windowSeconds } = services.limits.publicApiPerIp;
    const hit = await services.limiter.hit(`ot:public-ip:${ctx.scope.clientIp ?? 'unknown'}`, limit, windowSeconds);
    if (!hit.allowed) throw rateLimited(hit.retryAfterSeconds, undefined, { limit, windowSeconds });
  }
  const gates = (op.gates ?? []).map(parseGate);
  for (const gate of gates) {
    if (gate.kind !== 'any-scope' || !auth) continue;
    if (!gate.scopes.some((s) => opentrainHasScope(auth.scopes, s))) {
      throw forbidden(`This token needs at least one of these scopes: ${gate.scopes.join(', ')}.`, {
        reason: 'insufficient_scope',
        requiredScopes: gate.scopes,
        grantedScopes: auth.scopes,
        anyOf: true,
      });
    }
  }
  for (const gate of gates) {
    if (gate.kind !== 'claimed') continue;
    if (!auth) throw unauthorized('This operation needs a token of a claimed account.');
    if (!auth.claimed) throw claimRequired(gate.action, ctx);
  }
  for (const gate of gates) {
    if (gate.kind !== 'feature') continue;
    const state = auth?.features?.[gate.key as FeatureKey] ?? (await services.features.state(auth?.organizationId ?? null, gate.key));
    if (!state.enabled) {
      throw forbidden(`The ${gate.key} feature is not enabled for this account.`, { reason: 'feature_disabled', featureKey: gate.key, mode: state.mode });
    }
  }
}
