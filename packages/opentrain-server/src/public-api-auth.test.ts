/**
 * The auth suite, generated from the registry: every Public API operation rejects a missing, a
 * malformed, an unknown, a revoked and an expired token with 401 before any lookup, and a token
 * without its scopes with 403. Operations open to any valid token must accept a token with no scope.
 */
import { opentrainApi, POST_CLAIM_SCOPES, PRE_CLAIM_SCOPES } from '@opentrain/api';
import { type AnyOperation, fillPath, generateToken, hours, isQueryField, pathParams, usesQuery } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './testing/harness';

let h: Harness;
let agentToken: string;
let revokedToken: string;
let expiringToken: string;
let noScopeToken: string;
beforeAll(async () => {
  h = await startHarness();
  const agent = await h.registerAgent();
  agentToken = agent.access_token;
  const mint = async (body: Record<string, unknown>) => (await h.api('/tokens', { method: 'POST', token: agentToken, body })).body.token as string;
  revokedToken = await mint({ name: 'revoked' });
  await h.agentAuth('/api/agent/oauth/revoke', { token: revokedToken }, { form: true });
  expiringToken = await mint({ name: 'expiring', expiresAt: new Date(h.clock.now().getTime() + hours(1)).toISOString() });
  noScopeToken = await mint({ name: 'no scopes', scopes: [] });
});
afterAll(async () => h?.close());

/** A request for the operation with placeholder path parameters and an empty input. */
function call(op: AnyOperation, token: string | null, extraHeaders: Record<string, string> = {}) {
  const params = Object.fromEntries(pathParams(op.path).map((p) => [p, 'tok_doesnotexist']));
  const path = fillPath(op.path, params);
  const hasBody = !usesQuery(op.method) && Object.keys(op.input.shape).some((k) => !isQueryField(op, k));
  return h.api(path, { method: op.method, token, body: hasBody ? {} : undefined, headers: extraHeaders });
}

const authed = opentrainApi.operations.filter((op) => op.auth === 'required');

describe.each(authed.map((op) => [op.name, op] as const))('%s', (_name, op) => {
  const unauthorizedCases: Array<[string, () => string | null, string | undefined]> = [
    ['a missing token', () => null, undefined],
    ['a malformed token', () => 'ot_pat_not-a-token', 'malformed_token'],
    ['a token with a bad checksum', () => `${agentToken.slice(0, -1)}${agentToken.endsWith('A') ? 'B' : 'A'}`, 'malformed_token'],
    ['an unknown token', () => generateToken('ot_pat_'), 'unknown_token'],
    ['a revoked token', () => revokedToken, 'token_revoked'],
  ];
  it.each(unauthorizedCases)('rejects %s with 401 and a WWW-Authenticate hint', async (_label, token, reason) => {
    const res = await call(op, token());
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHORIZED');
    if (reason) expect(res.body.details.reason).toBe(reason);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${h.url}/.well-known/oauth-protected-resource"`);
  });

  it('rejects an expired token with 401', async () => {
    const saved = h.clock.now().getTime();
    h.clock.advance(hours(1));
    try {
      const res = await call(op, expiringToken);
      expect(res.status).toBe(401);
      expect(res.body.details.reason).toBe('token_expired');
    } finally {
      h.clock.set(saved);
    }
  });

  if (op.scopes.length > 0) {
    it('rejects a token without its scopes with 403 listing required and granted scopes', async () => {
      // Every pre-claim scope except the required ones (and the :write scopes that would imply them).
      const implying = (s: string) => op.scopes.some((r: string) => s === r || s === r.replace(/:read$/, ':write'));
      const scopes = PRE_CLAIM_SCOPES.filter((s) => !implying(s));
      // A fresh agent per operation: one account may hold only 25 active tokens.
      const fresh = await h.registerAgent();
      const token = (await h.api('/tokens', { method: 'POST', token: fresh.access_token, body: { scopes } })).body.token;
      const res = await call(op, token);
      expect(res.status).toBe(403);
      const claimAction = op.gates?.find((g: string) => g.startsWith('claimed:'))?.slice('claimed:'.length);
      const lacking = op.scopes.filter((s: string) => !scopes.includes(s as never));
      if (claimAction && lacking.every((s: string) => (POST_CLAIM_SCOPES as string[]).includes(s))) {
        // The agent is unclaimed and claiming would grant the scopes: the refusal says how to get them.
        expect(res.body.details).toMatchObject({ reason: 'account_claim_required', action: claimAction, claimUrl: `${h.url}/claim` });
      } else {
        expect(res.body.details).toMatchObject({ reason: 'insufficient_scope', requiredScopes: op.scopes, grantedScopes: scopes });
      }
    });
  } else if (op.gates?.some((g: string) => g.startsWith('any-scope:'))) {
    it('rejects a token with none of its alternative scopes with 403 listing them', async () => {
      const res = await call(op, noScopeToken);
      expect(res.status).toBe(403);
      expect(res.body.details).toMatchObject({ reason: 'insufficient_scope', grantedScopes: [] });
      expect(res.body.details.requiredScopes.length).toBeGreaterThan(0);
    });
  } else {
    it('needs no scope: a valid token without any scope gets past authentication and authorization', async () => {
      const res = await call(op, noScopeToken);
      expect([200, 201, 400, 404]).toContain(res.status);
    });
  }
});

describe('the per-token limit', () => {
  it('answers 429 with retryAfterSeconds once a token exceeds its per-minute budget', async () => {
    const limited = await startHarness({ limits: { publicApiPerToken: { limit: 3, windowSeconds: 60 } } });
    try {
      limited.clock.set(Math.floor(limited.clock.now().getTime() / 60_000) * 60_000);
      const agent = await limited.registerAgent();
      for (let i = 0; i < 3; i++) expect((await limited.api('/auth/me', { token: agent.access_token })).status).toBe(200);
      const res = await limited.api('/auth/me', { token: agent.access_token });
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 60, limit: 3, windowSeconds: 60 } });
      expect(res.headers.get('retry-after')).toBe('60');
    } finally {
      await limited.close();
    }
  });
});
