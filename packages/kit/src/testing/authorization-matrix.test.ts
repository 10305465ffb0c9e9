/**
 * The matrix planner reads applicability from the contracts alone: a public operation has no
 * credential cells on REST but has them on a hosted MCP that requires auth; `any-token` has no
 * wrong-scope cell, `any-scope:` an any-of one; a claim gate makes an unclaimed cell; a tool
 * excluded from MCP has no MCP cells; ids are path parameters, selectors and required `…_id` fields,
 * never an `external…` label or an enum (catalogue) id. And the refusal check fails a wrong answer.
 */
import { describe, expect, it } from 'vitest';
import { defineApi, defineOperation, z } from '../index';
import type { MatrixAnswer } from './authorization-matrix-calls';
import { refusalViolations } from './authorization-matrix-calls';
import { credentialRuns, idInputs, MatrixLedger, planAuthorizationMatrix } from './authorization-matrix';

const errorModel = {
  codes: {
    validation: 'BAD_REQUEST',
    unauthorized: 'UNAUTHORIZED',
    forbidden: 'FORBIDDEN',
    not_found: 'NOT_FOUND',
    conflict: 'CONFLICT',
    payload_too_large: 'PAYLOAD_TOO_LARGE',
    rate_limited: 'RATE_LIMITED',
    unavailable: 'UNAVAILABLE',
    internal: 'INTERNAL_ERROR',
  },
  envelope: (e: { code: string; message: string }) => ({ code: e.code, message: e.message }),
  parse: (status: number, body: unknown) => ({ status, code: (body as { code?: string })?.code ?? `HTTP_${status}`, message: '' }),
};
const hints = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
const op = (name: string, extra: Record<string, unknown>) =>
  defineOperation({ name, method: 'GET', path: `/${name}`, description: name, input: z.object({}), output: z.object({}), auth: 'required', scopes: ['things:read'], annotations: hints, summarize: () => '', ...extra });

const api = defineApi({
  product: 't',
  title: 'T',
  version: '1',
  basePath: '/api',
  errorModel,
  operations: [
    op('t_search', { auth: 'none', scopes: [] }),
    op('t_whoami', { scopes: [], gates: ['any-token'] }),
    op('t_updates', { scopes: [], gates: ['any-scope:a:read,b:read'] }),
    op('t_get', { path: '/things/{thingId}', input: z.object({ thingId: z.string() }) }),
    op('t_hire', { method: 'POST', scopes: ['things:write'], gates: ['claimed:hire'], input: z.object({ thing_id: z.string(), external_id: z.string(), plan_id: z.enum(['a', 'b']) }), exclude: ['mcp'] }),
    op('t_list', { input: z.object({ owner_id: z.string().optional(), externalId: z.string().optional() }) }),
  ],
});
const plan = planAuthorizationMatrix(api, { noExpiry: 'keys never expire', mcpRequiresAuth: true, claimGate: (g) => (g.startsWith('claimed:') ? { action: g.slice(8) } : null) });

describe('planAuthorizationMatrix', () => {
  it('derives every cell from the contract metadata', () => {
    const search = plan.get('t_search');
    expect(search?.rest.no_token).toEqual({ applies: false, reason: expect.stringContaining('public operation') });
    expect(search?.mcp.no_token).toEqual({ applies: true, expect: { kind: 'unauthorized', transport: true } });
    expect(search?.mcp.wrong_scope.applies).toBe(false);
    expect(plan.get('t_get')?.rest.expired).toEqual({ applies: false, reason: 'keys never expire' });
    expect(plan.get('t_get')?.rest.malformed_token).toEqual({ applies: true, expect: { kind: 'unauthorized', transport: false } });
    expect(plan.get('t_whoami')?.rest.wrong_scope).toEqual({ applies: false, reason: expect.stringContaining('any-token') });
    expect(plan.get('t_updates')?.rest.wrong_scope).toEqual({ applies: true, expect: { kind: 'missing_any_scope', anyOf: ['a:read', 'b:read'] } });
    expect(plan.get('t_get')?.rest.wrong_scope).toEqual({ applies: true, expect: { kind: 'missing_scope', requiredScopes: ['things:read'] } });
    expect(plan.get('t_hire')?.rest.unclaimed).toEqual({ applies: true, expect: { kind: 'claim_required', action: 'hire' } });
    expect(plan.get('t_get')?.rest.unclaimed.applies).toBe(false);
    expect(Object.values(plan.get('t_hire')?.mcp ?? {}).every((cell) => !cell.applies)).toBe(true);
    expect(plan.get('t_get')?.rest.other_tenant).toEqual({ applies: true, expect: { kind: 'addressed', idFields: ['thingId'] } });
    expect(plan.get('t_list')?.rest.other_tenant).toEqual({ applies: true, expect: { kind: 'tenant_wide', idFields: ['owner_id'] } });
    const withoutClaims = planAuthorizationMatrix(api, { mcpRequiresAuth: false });
    expect(withoutClaims.get('t_hire')?.rest.unclaimed).toEqual({ applies: false, reason: 'the product has no claim requirement' });
    expect(withoutClaims.get('t_search')?.mcp.no_token.applies).toBe(false);
  });

  it('tells resource ids from labels and catalogue ids', () => {
    expect(idInputs(api.operations[4])).toEqual({ addressed: ['thing_id'], filters: [] });
  });

  it('runs every bad credential on REST and takes them in turn on MCP', () => {
    const credentials = [
      { which: 'malformed_token' as const, token: 'x' },
      { which: 'malformed_token' as const, token: 'y' },
    ];
    const runs = credentialRuns(api, plan, credentials);
    const rest = runs.filter((r) => r.surface === 'rest');
    const mcp = runs.filter((r) => r.surface === 'mcp');
    // 5 authenticated operations on REST × 2 credentials; 5 MCP tools (t_hire is not one), one credential each, alternating.
    expect(rest).toHaveLength(10);
    expect(mcp.map((r) => r.cred.token)).toEqual(['x', 'y', 'x', 'y', 'x']);
  });

  it('lists the applicable cells a run left out', () => {
    const ledger = new MatrixLedger();
    for (const which of ['no_token', 'malformed_token', 'revoked'] as const) ledger.record('t_get', 'rest', which);
    expect(ledger.missing(plan)).toContain('t_get rest wrong_scope');
    expect(ledger.missing(plan)).not.toContain('t_get rest no_token');
    expect(ledger.missing(plan)).not.toContain('t_get rest expired');
  });

  it('fails an answer that is not the documented refusal', () => {
    const answer = (status: number, code: string | undefined, details: Record<string, unknown> = {}, headers = new Headers()): MatrixAnswer => ({
      surface: 'rest',
      status,
      code,
      details,
      transport: false,
      headers,
      body: null,
    });
    const bearer = new Headers({ 'WWW-Authenticate': 'Bearer' });
    expect(refusalViolations(answer(401, 'UNAUTHORIZED', {}, bearer), { kind: 'unauthorized', transport: false }, errorModel)).toEqual([]);
    expect(refusalViolations(answer(401, 'UNAUTHORIZED'), { kind: 'unauthorized', transport: false }, errorModel)).toHaveLength(1);
    expect(refusalViolations(answer(200, undefined, {}, bearer), { kind: 'unauthorized', transport: false }, errorModel)).toHaveLength(1);
    expect(refusalViolations({ ...answer(401, 'UNAUTHORIZED'), surface: 'mcp' }, { kind: 'unauthorized', transport: true }, errorModel)).toEqual([expect.stringContaining('MCP transport')]);
    expect(refusalViolations(answer(403, 'FORBIDDEN', { requiredScopes: ['things:read'] }), { kind: 'missing_scope', requiredScopes: ['things:read'] }, errorModel)).toEqual([]);
    expect(refusalViolations(answer(404, 'NOT_FOUND'), { kind: 'missing_scope', requiredScopes: ['things:read'] }, errorModel)).toHaveLength(2);
    expect(refusalViolations(answer(403, 'FORBIDDEN', { reason: 'insufficient_scope' }), { kind: 'claim_required', action: 'hire' }, errorModel)).toHaveLength(2);
  });
});
