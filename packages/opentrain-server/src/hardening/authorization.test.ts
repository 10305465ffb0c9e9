/**
 * OpenTrain's authorization matrix, generated from the operation registry (kit
 * `planAuthorizationMatrix`): every operation × {no token, malformed, revoked, expired, wrong scope,
 * other account, unclaimed} × {REST /api/public/v1, hosted /mcp}. The plan says from each contract
 * which cells apply (public operations, `any-token` operations, `claimed:` gates, id inputs, tools
 * excluded from MCP); this file runs every applicable cell and fails on any it did not run.
 */
import { opentrainApi, parseGate, SCOPES } from '@opentrain/api';
import { type AnyOperation, generateToken, hours } from '@platform/kit';
import {
  type AuthorizationCase,
  callMcpTool,
  callRest,
  cellsOf,
  credentialRuns,
  idProbes,
  comparable,
  inBatches,
  type MatrixAnswer,
  MatrixLedger,
  type MatrixSurface,
  planAuthorizationMatrix,
  refusalProblems,
  refusalViolations,
  scopesLacking,
  swapIds,
} from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness';
import { type AccountIds, accountSnapshot, callerAccount, ghostIds, opentrainCases, operationsWithoutCase, type SeededAccount, seedAccount } from './authorization-fixtures';

const plan = planAuthorizationMatrix(opentrainApi, {
  mcpRequiresAuth: true,
  claimGate: (gate) => {
    const parsed = parseGate(gate);
    return parsed.kind === 'claimed' ? { action: parsed.action } : null;
  },
});
const { errorModel } = opentrainApi;
const GENEROUS = { limit: 100_000, windowSeconds: 60 };

let h: Harness;
/** Account A owns the resources; account B (claimed, every scope) is the caller of the other-account cells. */
let a: SeededAccount;
let b: { token: string; conversationId: string };
let ghost: AccountIds;
/** Bad credentials, by the case they belong to, with the documented `details.reason`. */
let credentials: Array<{ which: AuthorizationCase; label: string; token: string | null; reason?: string }>;
const ledger = new MatrixLedger();

const inputOf = (op: AnyOperation, ids: AccountIds) => opentrainCases[op.name].input(ids, a.freelancerId);
function call(surface: MatrixSurface, op: AnyOperation, input: Record<string, unknown>, token: string | null): Promise<MatrixAnswer> {
  return surface === 'rest' ? callRest(h.url, opentrainApi, op, input, token) : callMcpTool(`${h.url}/mcp`, errorModel, op.name, input, token);
}

beforeAll(async () => {
  // The per-token limit is not under test here (public-api-auth.test.ts); B makes a few hundred calls.
  h = await startHarness({ startWorker: false, limits: { publicApiPerToken: GENEROUS } });
  a = await seedAccount(h, 'Account A agent');
  b = await callerAccount(h, 'Account B agent');
  ghost = ghostIds(h, a.ids);

  // Revoked and expiring tokens minted and revoked through the real API, each working before.
  const agent = await h.registerAgent({ agent_name: 'Credential agent' });
  const mint = async (body: Record<string, unknown>) => {
    const res = await h.api('/tokens', { method: 'POST', token: agent.access_token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect((await h.api('/auth/me', { token: res.body.token })).status).toBe(200);
    return res.body as { token: string; metadata: { id: string } };
  };
  const deleted = await mint({ name: 'revoked with DELETE /tokens/{id}' });
  expect((await h.api(`/tokens/${deleted.metadata.id}`, { method: 'DELETE', token: agent.access_token })).status).toBe(200);
  const oauthRevoked = await mint({ name: 'revoked through RFC 7009' });
  expect((await h.agentAuth('/api/agent/oauth/revoke', { token: oauthRevoked.token }, { form: true })).status).toBe(200);
  const mcpRevoked = await mint({ name: 'revoked with the opentrain_revoke_token tool' });
  const revokedOverMcp = await callMcpTool(`${h.url}/mcp`, errorModel, 'opentrain_revoke_token', { tokenId: mcpRevoked.metadata.id }, agent.access_token);
  expect(revokedOverMcp.status, JSON.stringify(revokedOverMcp.body)).toBe(200);
  const expiring = await mint({ name: 'expires in an hour', expiresAt: new Date(h.clock.now().getTime() + hours(1)).toISOString() });
  credentials = [
    { which: 'no_token', label: 'no token', token: null },
    { which: 'malformed_token', label: 'malformed', token: 'ot_pat_not-a-token', reason: 'malformed_token' },
    { which: 'malformed_token', label: 'bad checksum', token: `${agent.access_token.slice(0, -1)}${agent.access_token.endsWith('A') ? 'B' : 'A'}`, reason: 'malformed_token' },
    { which: 'malformed_token', label: 'well-formed, never issued', token: generateToken('ot_pat_'), reason: 'unknown_token' },
    { which: 'revoked', label: 'revoked with DELETE /tokens/{id}', token: deleted.token, reason: 'token_revoked' },
    { which: 'revoked', label: 'revoked through /api/agent/oauth/revoke', token: oauthRevoked.token, reason: 'token_revoked' },
    { which: 'revoked', label: 'revoked over hosted MCP', token: mcpRevoked.token, reason: 'token_revoked' },
    { which: 'expired', label: 'past its expiresAt', token: expiring.token, reason: 'token_expired' },
  ];
}, 120_000);
afterAll(() => h?.close());

describe('the authorization matrix (OpenTrain, REST and hosted MCP)', () => {
  it('is planned from the contracts, with a valid input for every operation', () => {
    expect(operationsWithoutCase()).toEqual([]);
    const search = plan.get('opentrain_search_jobs');
    // Public on REST (no credential checked), yet hosted MCP needs a token for every tool.
    expect(search?.rest.no_token).toMatchObject({ applies: false, reason: expect.stringContaining('public operation') });
    expect(search?.mcp.no_token).toMatchObject({ applies: true, expect: { kind: 'unauthorized', transport: true } });
    expect(plan.get('opentrain_list_tokens')?.rest.wrong_scope).toMatchObject({ applies: false, reason: expect.stringContaining('any-token') });
    expect(plan.get('opentrain_hire_proposal')?.rest.unclaimed).toMatchObject({ applies: true, expect: { kind: 'claim_required', action: 'hire AI trainers' } });
    expect(plan.get('opentrain_create_token')?.mcp.revoked).toMatchObject({ applies: false, reason: expect.stringContaining('exclude') });
  });

  it('refuses no token, a malformed, unknown, revoked or expired token with 401 on REST and at the /mcp transport', async () => {
    const expiredAt = h.clock.now().getTime();
    h.clock.advance(hours(1) + 1000);
    try {
      const runs = credentialRuns(opentrainApi, plan, credentials);
      const problems = (
        await inBatches(runs, 8, async ({ op, surface, expect: want, which, cred }) => {
          const answer = await call(surface, op, inputOf(op, ghost), cred.token);
          ledger.record(op.name, surface, which);
          const found = refusalViolations(answer, want, errorModel);
          if (cred.reason && answer.details.reason !== cred.reason) found.push(`details.reason ${cred.reason}, got ${String(answer.details.reason)}`);
          if (surface === 'rest' && !answer.headers.get('www-authenticate')?.includes(`resource_metadata="${h.url}/.well-known/oauth-protected-resource"`)) found.push('WWW-Authenticate names the resource metadata');
          return found.map((p) => `${op.name} ${surface} ${cred.label}: ${p}`);
        })
      ).flat();
      expect(problems).toEqual([]);
    } finally {
      h.clock.set(expiredAt);
    }
  }, 120_000);

  it('refuses a token lacking the required scopes with 403 naming them; any-token operations let a scopeless token through', async () => {
    const tokenFor = new Map<string, Promise<string>>();
    const mintLacking = (scopes: string[]) => {
      const id = scopes.join(',');
      if (!tokenFor.has(id)) {
        const minted = h.api('/tokens', { method: 'POST', token: b.token, body: { name: `matrix token ${tokenFor.size + 1}`, scopes } }).then((r) => {
          if (r.status !== 201) throw new Error(`minting a token with ${id}: ${r.status} ${JSON.stringify(r.body)}`);
          return r.body.token as string;
        });
        tokenFor.set(id, minted);
      }
      return tokenFor.get(id) as Promise<string>;
    };
    const problems = await refusalProblems({
      api: opentrainApi,
      plan,
      which: 'wrong_scope',
      ledger,
      errorModel,
      batch: 6,
      answer: async (op, surface, want) => {
        const required = want.kind === 'missing_any_scope' ? want.anyOf : op.scopes;
        return call(surface, op, inputOf(op, ghost), await mintLacking(scopesLacking(opentrainApi, SCOPES, required)));
      },
      extra: (answer) => (answer.details.reason === 'insufficient_scope' ? [] : [`details.reason insufficient_scope, got ${String(answer.details.reason)}`]),
    });
    expect(problems).toEqual([]);
    // Where the plan says no scope applies (any-token), a token without any scope gets past authorization.
    const scopeless = await mintLacking([]);
    for (const [name, surfaces] of plan) {
      for (const surface of ['rest', 'mcp'] as const) {
        const cell = surfaces[surface].wrong_scope;
        if (cell.applies || !cell.reason.includes('any-token')) continue;
        const op = opentrainApi.operations.find((o) => o.name === name) as AnyOperation;
        const answer = await call(surface, op, inputOf(op, ghost), scopeless);
        expect([401, 403], `${name} ${surface}: ${answer.status} ${JSON.stringify(answer.details)}`).not.toContain(answer.status);
      }
    }
  }, 120_000);

  it('refuses an unclaimed account holding every scope with 403 account_claim_required wherever a claim is required', async () => {
    const unclaimed = await h.registerAgent({ agent_name: 'Unclaimed agent' });
    const me = await h.api('/auth/me', { token: unclaimed.access_token });
    // Every scope, so the claim gate itself is what refuses (not a scope the claim would grant).
    const token = (await h.services.tokens.createFor({ organizationId: me.body.account.organizationId, name: 'unclaimed, every scope', scopes: [...SCOPES], origin: 'web' })).token as string;
    const problems = await refusalProblems({ api: opentrainApi, plan, which: 'unclaimed', ledger, errorModel, batch: 8, answer: (op, surface) => call(surface, op, inputOf(op, ghost), token) });
    expect(problems).toEqual([]);
  }, 120_000);

  it("answers another account's ids exactly like missing ones, shows nothing of it and changes nothing, on REST and MCP", async () => {
    const problems: string[] = [];
    const target = a.ids as unknown as Record<string, string>;
    const markers = Object.values(target);
    // The snapshot sees the rows it guards (a wrong column name would make it compare empty lists).
    // Each operation's "after" is the next one's "before".
    let before = await accountSnapshot(h, a.ids);
    const guarded = before;
    for (const table of ['ot_jobs', 'ot_proposals', 'ot_contracts', 'ot_milestones', 'ot_approvals', 'ot_conversations', 'credit_top_ups', 'ot_webhooks', 'ot_api_tokens'])
      expect(guarded[table]?.length, table).toBeGreaterThan(0);
    for (const op of opentrainApi.operations) {
      const cells = cellsOf(opentrainApi, plan, 'other_tenant').filter((c) => c.op === op);
      if (cells.length === 0) continue;
      for (const { surface, expect: want } of cells) {
        ledger.record(op.name, surface, 'other_tenant');
        if (want.kind !== 'addressed' && want.kind !== 'tenant_wide') throw new Error(`unexpected ${want.kind}`);
        const notScoped = opentrainCases[op.name].notAccountScoped;
        const caseInput = inputOf(op, a.ids);
        const aimed = want.idFields.filter((f) => markers.includes(String(caseInput[f])));
        if (!notScoped && want.kind === 'addressed' && aimed.length === 0) problems.push(`${op.name} ${surface}: its case does not aim ${want.idFields.join('/')} at account A`);
        for (const probe of idProbes(want.idFields, caseInput, inputOf(op, ghost), target, ghost as unknown as Record<string, string>)) {
          const where = `${op.name} ${surface}${probe.field ? ` with ${probe.field} of A` : ''}`;
          const answer = await call(surface, op, probe.input, b.token);
          if (answer.status >= 500 || answer.status === 401 || answer.status === 403) problems.push(`${where}: ${answer.status} ${answer.code} ${JSON.stringify(answer.details)}`);
          if (notScoped && !probe.field) {
            if (answer.status !== 200) problems.push(`${where}: ${notScoped}, yet answered ${answer.status}`);
          } else if (!probe.field && want.kind === 'addressed' && (answer.status !== 404 || answer.code !== 'NOT_FOUND')) problems.push(`${where}: expected 404 NOT_FOUND, got ${answer.status} ${answer.code}`);
          if (!notScoped && (probe.field || aimed.length > 0)) {
            const ghostAnswer = await call(surface, op, probe.ghostInput, b.token);
            if (swapIds(comparable(answer), target, ghost as unknown as Record<string, string>) !== comparable(ghostAnswer))
              problems.push(`${where}: answers A's ids unlike made-up ones:\n  ${comparable(answer)}\n  ${comparable(ghostAnswer)}`);
          }
          const text = JSON.stringify(answer.body);
          const sent = JSON.stringify(probe.input);
          for (const marker of markers.filter((m) => !sent.includes(m))) if (text.includes(marker)) problems.push(`${where}: shows ${marker} of account A`);
        }
      }
      const after = await accountSnapshot(h, a.ids);
      if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${op.name}: changed account A's rows`);
      before = after;
    }
    expect(problems).toEqual([]);
  }, 240_000);

  it('ran every applicable cell of the plan', () => {
    expect(ledger.missing(plan)).toEqual([]);
  });
});

describe("other accounts' resources beyond the operation inputs", () => {
  it("treats another account's message id as a paging cursor like a missing one", async () => {
    const read = (cursor: string) => h.api(`/messages?conversationId=${b.conversationId}&cursor=${cursor}`, { token: b.token });
    const foreignRes = await read(a.ids.messageId);
    const missingRes = await read(ghost.messageId);
    expect(foreignRes.status).toBe(400);
    expect(foreignRes.body.details).toMatchObject({ field: 'cursor' });
    expect({ ...foreignRes.body, requestId: null }).toEqual({ ...missingRes.body, requestId: null });
  });

  it("keeps another account's draft off the public job page, like a job that does not exist", async () => {
    const foreignRes = await h.api(`/jobs/${a.ids.draftId}`);
    expect(foreignRes.status).toBe(404);
    expect(foreignRes.body).toEqual({ id: a.ids.draftId, status: 'closed' });
    expect((await h.api(`/jobs/${ghost.draftId}`)).body).toEqual({ id: ghost.draftId, status: 'closed' });
  });

  it("leaves account A's resources working for A", async () => {
    expect((await h.api(`/contracts/${a.ids.contractId}`, { token: a.token })).status).toBe(200);
    expect((await h.api(`/webhooks/${a.ids.webhookId}`, { token: a.token })).status).toBe(200);
    expect((await h.api(`/jobs/${a.ids.jobId}/proposals`, { token: a.token })).status).toBe(200);
    expect((await h.api(`/messages?conversationId=${a.ids.conversationId}`, { token: a.token })).status).toBe(200);
  });
});
