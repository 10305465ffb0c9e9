/**
 * TrainAR's authorization matrix, generated from the operation registry (kit
 * `planAuthorizationMatrix`): every operation × {no key, malformed, revoked, expired, wrong scope,
 * other tenant, unclaimed} × {REST /v1, hosted /mcp}. The plan says from each contract which cells
 * apply; this file runs every applicable one and fails on any cell it did not run. TrainAR keys
 * carry no expiry and no operation needs a claim, so those two columns are "not applicable" by rule.
 */
import {
  type AuthorizationCase,
  callMcpTool,
  callRest,
  cellsOf,
  comparable,
  credentialRuns,
  idInputs,
  idProbes,
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
import { type AnyOperation, generateToken } from '@platform/kit';
import { SCOPES, trainarApi } from '@trainar/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ghostTarget, mcpArguments, type OperationTarget, operationCases, operationsWithoutCase, type SeededTenant, seedTenantTarget, startHarness, tenantSnapshot, type TrainArHarness } from '../testing/index';

const NO_EXPIRY = 'TrainAR API keys carry no expiry: a key works until it is revoked or its tenant disabled (docs/trainar-core.md)';
const plan = planAuthorizationMatrix(trainarApi, { noExpiry: NO_EXPIRY, mcpRequiresAuth: true });
const { errorModel } = trainarApi;

let h: TrainArHarness;
/** Tenant A: owns one resource of every kind. Tenant B: the caller of the other-tenant cells. */
let a: SeededTenant;
let b: SeededTenant;
let bKey: string;
let aManager: string;
/** Bad credentials, by the case they belong to. */
let credentials: Array<{ which: AuthorizationCase; label: string; token: string | null }>;
const ledger = new MatrixLedger();

function call(surface: MatrixSurface, op: AnyOperation, input: Record<string, unknown>, token: string | null): Promise<MatrixAnswer> {
  return surface === 'rest' ? callRest(h.url, trainarApi, op, input, token) : callMcpTool(`${h.url}/mcp`, errorModel, op.name, mcpArguments(op.name, input), token);
}

beforeAll(async () => {
  h = await startHarness();
  const ta = await h.createTenant(`Alpha Target ${crypto.randomUUID().slice(0, 8)}`);
  a = await seedTenantTarget(h, ta.tenantId, ta.tenantName, ta.adminId, ta.adminEmail);
  const tb = await h.createTenant(`Beta Caller ${crypto.randomUUID().slice(0, 8)}`);
  b = await seedTenantTarget(h, tb.tenantId, tb.tenantName, tb.adminId, tb.adminEmail);
  bKey = (await h.createKey(tb.tenantId, SCOPES, 'B every scope')).key;
  aManager = (await h.createKey(ta.tenantId, SCOPES, 'A manager')).key;

  // Revoked through the real API: minted and revoked over REST by a key holding manage:api_keys.
  const minted = await h.call('POST', '/v1/api-tenant-api-keys', { key: aManager, body: { name: 'to be revoked', scopes: ['read:users'] } });
  expect(minted.status, JSON.stringify(minted.body)).toBe(201);
  expect((await h.call('GET', '/v1/api-tenant-users', { key: minted.body.key })).status).toBe(200);
  const revoked = await h.call('DELETE', '/v1/api-tenant-api-keys', { key: aManager, query: { key_id: minted.body.id } });
  expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
  // And one revoked through the revoke_api_key tool on hosted MCP.
  const viaMcp = await h.createKey(ta.tenantId, ['read:users'], 'to be revoked over MCP');
  const revokedOverMcp = await callMcpTool(`${h.url}/mcp`, errorModel, 'revoke_api_key', { key_id: viaMcp.id }, aManager);
  expect(revokedOverMcp.status, JSON.stringify(revokedOverMcp.body)).toBe(200);
  const off = await h.createTenant('Disabled Tenant');
  const disabledKey = (await h.createKey(off.tenantId, SCOPES)).key;
  await h.services.tenants.setStatus(off.tenantId, 'disabled');
  const good = (await h.createKey(ta.tenantId, SCOPES)).key;
  credentials = [
    { which: 'no_token', label: 'no key', token: null },
    { which: 'malformed_token', label: 'too short', token: 'tak_short' },
    { which: 'malformed_token', label: 'not a TrainAR key', token: 'sk_live_0123456789abcdef0123456789abcdef' },
    { which: 'malformed_token', label: 'bad checksum', token: `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}` },
    { which: 'malformed_token', label: 'well-formed, never issued', token: generateToken('tak_') },
    { which: 'revoked', label: 'revoked over REST', token: minted.body.key },
    { which: 'revoked', label: 'revoked over MCP', token: viaMcp.key },
    { which: 'revoked', label: 'key of a disabled tenant', token: disabledKey },
  ];
}, 120_000);
afterAll(() => h?.close());

describe('the authorization matrix (TrainAR, REST and hosted MCP)', () => {
  it('is planned from the contracts: every operation has a valid input, expiry and claims do not apply', () => {
    expect(operationsWithoutCase()).toEqual([]);
    expect([...plan.keys()]).toEqual(trainarApi.operations.map((op) => op.name));
    for (const [name, surfaces] of plan) {
      for (const surface of ['rest', 'mcp'] as const) {
        expect(surfaces[surface].expired, `${name} ${surface}`).toMatchObject({ applies: false });
        expect(surfaces[surface].unclaimed, `${name} ${surface}`).toMatchObject({ applies: false });
      }
    }
    // Every operation needs a key and a scope, so each is a REST cell of every other column.
    expect(cellsOf(trainarApi, plan, 'wrong_scope').filter((c) => c.surface === 'rest')).toHaveLength(trainarApi.operations.length);
  });

  it('refuses no key, a malformed, unknown, revoked or disabled-tenant key with 401 on REST and at the /mcp transport', async () => {
    const runs = credentialRuns(trainarApi, plan, credentials);
    const problems = (
      await inBatches(runs, 8, async ({ op, surface, expect: want, which, cred }) => {
        const answer = await call(surface, op, operationCases[op.name].input(ghostTarget()), cred.token);
        ledger.record(op.name, surface, which);
        return refusalViolations(answer, want, errorModel).map((p) => `${op.name} ${surface} ${cred.label}: ${p}`);
      })
    ).flat();
    expect(problems).toEqual([]);
  }, 120_000);

  it('refuses a key holding every scope but the required one with 403 naming it, on REST and MCP', async () => {
    const keyFor = new Map<string, Promise<string>>();
    const lacking = (op: AnyOperation) => {
      const scopes = scopesLacking(trainarApi, SCOPES, op.scopes);
      const id = scopes.join(',');
      if (!keyFor.has(id))
        keyFor.set(
          id,
          h.createKey(a.target.tenantId, scopes, `lacks ${op.scopes.join(',')}`).then((k) => k.key),
        );
      return keyFor.get(id) as Promise<string>;
    };
    const problems = await refusalProblems({
      api: trainarApi,
      plan,
      which: 'wrong_scope',
      ledger,
      errorModel,
      batch: 8,
      answer: async (op, surface) => call(surface, op, operationCases[op.name].input(ghostTarget()), await lacking(op)),
    });
    expect(problems).toEqual([]);
  }, 120_000);

  it("gives another tenant's key nothing of tenant A and changes nothing of it, on REST and MCP", async () => {
    const problems: string[] = [];
    const target = a.target as unknown as Record<string, string>;
    // Each operation's "after" is the next one's "before".
    let before = await tenantSnapshot(h, a.target.tenantId);
    expect(before.tasks.length * before.api_keys.length * before.tenant_integrations.length).toBeGreaterThan(0);
    for (const op of trainarApi.operations) {
      const cells = cellsOf(trainarApi, plan, 'other_tenant').filter((c) => c.op === op);
      for (const { surface, expect: want } of cells) {
        ledger.record(op.name, surface, 'other_tenant');
        if (want.kind !== 'addressed' && want.kind !== 'tenant_wide') throw new Error(`unexpected ${want.kind}`);
        const ghost = ghostTarget() as unknown as Record<string, string>;
        const caseInput = operationCases[op.name].input(a.target);
        const aimed = want.idFields.filter((f) => Object.values(target).includes(String(caseInput[f])));
        if (want.kind === 'addressed' && aimed.length === 0) problems.push(`${op.name} ${surface}: its case does not aim ${want.idFields.join('/')} at the target`);
        const probes = idProbes(want.idFields, caseInput, operationCases[op.name].input(ghost as unknown as OperationTarget), target, ghost);
        if (want.kind === 'addressed') {
          // B's own resource, with one reference to A's (a seat of B given to a user of A): the reference is refused like a made-up one.
          const own = operationCases[op.name].input(b.target);
          const references = idInputs(op).filters;
          probes.push(...idProbes(references, own, own, target, ghost).filter((p) => p.field !== null).map((p) => ({ ...p, field: `${p.field} (on B's own ${want.idFields.join('/')})` })));
        }
        for (const probe of probes) {
          const where = `${op.name} ${surface}${probe.field ? ` with ${probe.field} of A` : ''}`;
          const answer = await call(surface, op, probe.input, bKey);
          if (answer.status >= 500 || answer.status === 401 || answer.status === 403) problems.push(`${where}: ${answer.status} ${answer.code}`);
          if (!probe.field && want.kind === 'addressed' && (answer.status !== 404 || answer.code !== 'NOT_FOUND')) problems.push(`${where}: expected 404 NOT_FOUND, got ${answer.status} ${answer.code}`);
          if (probe.field || aimed.length > 0) {
            // Indistinguishable from an id that exists nowhere: A's resources are not even confirmed to exist.
            const ghostAnswer = await call(surface, op, probe.ghostInput, bKey);
            if (swapIds(comparable(answer), target, ghost) !== comparable(ghostAnswer)) problems.push(`${where}: answers A's ids unlike made-up ones:\n  ${comparable(answer)}\n  ${comparable(ghostAnswer)}`);
          }
          const text = JSON.stringify(answer.body);
          const sent = JSON.stringify(probe.input);
          for (const marker of a.markers.filter((m) => !sent.includes(m))) if (text.includes(marker)) problems.push(`${where}: leaks ${marker}`);
        }
      }
      const after = await tenantSnapshot(h, a.target.tenantId);
      if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${op.name}: changed tenant A's rows`);
      before = after;
    }
    expect(problems).toEqual([]);
    // A's own key still sees its users, untouched.
    const own = await h.call('GET', '/v1/api-tenant-users', { key: aManager });
    expect(own.body.users.map((u: { id: string }) => u.id).sort()).toEqual([a.target.adminId, a.target.userId].sort());
  }, 180_000);

  it('ran every applicable cell of the plan', () => {
    expect(ledger.missing(plan)).toEqual([]);
  });
});
