/**
 * @module The gates every Public API call passes after authentication and the scope check (which
 * the kit pipeline runs): (2) claimed account, (3) per-account feature flag — in that order,
 * whatever order the contract lists them in. Calls without a token are rate limited per IP here.
 */
import { parseGate } from '@opentrain/api';
import { type AnyOperation, forbidden, rateLimited, unauthorized } from '@platform/kit';
import type { OpenTrainContext } from './context';

/** Where a human (or an agent explaining it) learns how to claim an agent account. */
export const claimHelpUrl = (publicUrl: string) => `${publicUrl}/claim`;

export async function checkGates(op: AnyOperation, ctx: OpenTrainContext): Promise<void> {
  const { auth, services } = ctx;
  if (!auth) {
    const { limit, windowSeconds } = services.limits.publicApiPerIp;
    const hit = await services.limiter.hit(`ot:public-ip:${ctx.scope.clientIp ?? 'unknown'}`, limit, windowSeconds);
    if (!hit.allowed) throw rateLimited(hit.retryAfterSeconds, undefined, { limit, windowSeconds });
  }
  const gates = (op.gates ?? []).map(parseGate);
  for (const gate of gates) {
    if (gate.kind !== 'claimed') continue;
    if (!auth) throw unauthorized('This operation needs a token of a claimed account.');
    if (!auth.claimed) {
      throw forbidden(`A human must claim this agent account before it can ${gate.action}.`, {
        reason: 'account_claim_required',
        action: gate.action,
        claimUrl: claimHelpUrl(services.publicUrl()),
      });
    }
  }
  for (const gate of gates) {
    if (gate.kind !== 'feature') continue;
    const state = await services.features.state(auth?.organizationId ?? null, gate.key);
    if (!state.enabled) {
      throw forbidden(`The ${gate.key} feature is not enabled for this account.`, { reason: 'feature_disabled', featureKey: gate.key, mode: state.mode });
    }
  }
}
