/**
 * @module Gates an operation declares beyond its scopes, as plain strings so they read well in the
 * contract and show up unchanged in OpenAPI (`x-gates`):
 * - `any-token`: any valid token will do (no scope required);
 * - `claimed:<action>`: the account must be claimed by a human (403 `account_claim_required`,
 *   `details.action` = `<action>`, e.g. `claimed:hire AI trainers`);
 * - `any-scope:<a>,<b>`: the token needs at least one of these scopes (the contract's `scopes` are
 *   all-of); 403 `insufficient_scope` with `details.requiredScopes` (e.g. `GET /updates`);
 * - `feature:<key>`: the per-account feature flag must be on (403 `feature_disabled`, `details.featureKey`).
 * The server checks them in that order after the scope check: scope → any-scope → claim → feature.
 */
import type { FeatureKey } from './catalog';
import type { Scope } from './scopes';

export const ANY_TOKEN = 'any-token';

export const claimedGate = (action: string) => `claimed:${action}`;
export const featureGate = (key: FeatureKey) => `feature:${key}`;
export const anyScopeGate = (...scopes: Scope[]) => `any-scope:${scopes.join(',')}`;

export type ParsedGate = { kind: 'any-token' } | { kind: 'any-scope'; scopes: string[] } | { kind: 'claimed'; action: string } | { kind: 'feature'; key: string };

export function parseGate(gate: string): ParsedGate {
  if (gate === ANY_TOKEN) return { kind: 'any-token' };
  if (gate.startsWith('claimed:')) return { kind: 'claimed', action: gate.slice('claimed:'.length) };
  if (gate.startsWith('any-scope:')) return { kind: 'any-scope', scopes: gate.slice('any-scope:'.length).split(',') };
  if (gate.startsWith('feature:')) return { kind: 'feature', key: gate.slice('feature:'.length) };
  throw new Error(`Unknown gate "${gate}"`);
}
