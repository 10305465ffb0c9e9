/**
 * @module The authorization matrix, planned from the contracts: every operation × case × surface
 * (REST, hosted MCP) is either a cell with an expected refusal, or "not applicable" with the reason
 * read from the contract's metadata (auth mode, scopes, gates, id inputs, `exclude`) and the
 * product's credential rules. Nothing here is a hand-kept list of operations: a new contract gets
 * its cells (and a failing coverage check until its test runs them) as soon as it is registered.
 */
import type { ApiDefinition } from '../operations/api';
import { hasScope } from '../operations/api';
import { type AnyOperation, pathParams } from '../operations/define';
import { type JsonSchema, operationSchemas } from '../operations/json-schema';

export const AUTHORIZATION_CASES = ['no_token', 'malformed_token', 'revoked', 'expired', 'wrong_scope', 'other_tenant', 'unclaimed'] as const;
export type AuthorizationCase = (typeof AUTHORIZATION_CASES)[number];
export const MATRIX_SURFACES = ['rest', 'mcp'] as const;
export type MatrixSurface = (typeof MATRIX_SURFACES)[number];

/** The credential cases: each must be refused with 401 by authentication, before anything else. */
export const CREDENTIAL_CASES: AuthorizationCase[] = ['no_token', 'malformed_token', 'revoked', 'expired'];

export type CellExpectation =
  /** 401 with the product's UNAUTHORIZED code; on hosted MCP an HTTP 401 before MCP runs (`transport`). */
  | { kind: 'unauthorized'; transport: boolean }
  /** 403 naming `requiredScopes` (every scope listed on the contract). */
  | { kind: 'missing_scope'; requiredScopes: string[] }
  /** 403 for a credential holding none of an any-of gate's scopes. */
  | { kind: 'missing_any_scope'; anyOf: string[] }
  /** 403 from a gate that needs a claimed account (`action` is the gate's text after the prefix). */
  | { kind: 'claim_required'; action: string }
  /**
   * Another tenant's credential (every scope) aimed at this tenant's resources: `addressed` when the
   * contract addresses one resource by id (404, exactly like an id that exists nowhere), otherwise
   * `tenant_wide` (the caller's own data only; like a made-up id wherever it sends ids). Either way
   * no data of the target tenant in the answer and no change to it.
   */
  | { kind: 'addressed'; idFields: string[] }
  | { kind: 'tenant_wide'; idFields: string[] };

export type MatrixCell = { applies: true; expect: CellExpectation } | { applies: false; reason: string };

export interface MatrixRules {
  /** When credentials cannot expire, why (it is written into the plan and the docs). */
  noExpiry?: string;
  /** A gate that requires a claimed account (OpenTrain `claimed:<action>`); omitted when the product has no claims. */
  claimGate?: (gate: string) => { action: string } | null;
  /** Hosted MCP refuses a request without a valid credential at the transport, whatever the tool's auth mode. */
  mcpRequiresAuth: boolean;
}

export type MatrixPlan = Map<string, Record<MatrixSurface, Record<AuthorizationCase, MatrixCell>>>;

/**
 * Input fields named like ids. Not a stored resource: an `external…` id (the caller's own label) and
 * an id whose schema is an enum or const (a catalogue entry such as a plan or pack id).
 */
const ID_NAME = /(^id|_id|Id)$/;
const LABEL_NAME = /^external/i;

/**
 * The id inputs of an operation. `addressed`: the resource it acts on (path parameters, the
 * selecting query parameter, addressing query parameters and required id fields); `filters`:
 * optional ids that narrow a list or point at a related record.
 */
export function idInputs(op: AnyOperation): { addressed: string[]; filters: string[] } {
  const input = operationSchemas(op).input as JsonSchema & { required?: string[] };
  const fields = Object.keys(input.properties ?? {});

  const properties = (input.properties ?? {}) as Record<string, JsonSchema>;
  const isCatalogue = (f: string) => 'enum' in (properties[f] ?? {}) || 'const' in (properties[f] ?? {});
  const isId = (f: string) => ID_NAME.test(f) && !LABEL_NAME.test(f) && !isCatalogue(f);
  const required = new Set(input.required ?? []);
  const addressing = new Set([...pathParams(op.path), ...(op.selectWhen ? [op.selectWhen] : []), ...(op.queryParams ?? []).filter(isId)]);
  const addressed = fields.filter((f) => addressing.has(f) || (isId(f) && required.has(f)));
  const filters = fields.filter((f) => isId(f) && !addressed.includes(f));
  return { addressed, filters };
}

const gatesOf = (op: AnyOperation): string[] => op.gates ?? [];
const anyScopeGate = (op: AnyOperation): string[] | null => {
  const gate = gatesOf(op).find((g) => g.startsWith('any-scope:'));
  return gate ? gate.slice('any-scope:'.length).split(',') : null;
};

function cellFor(op: AnyOperation, surface: MatrixSurface, which: AuthorizationCase, rules: MatrixRules): MatrixCell {
  if (surface === 'mcp' && op.exclude?.includes('mcp')) return { applies: false, reason: 'not an MCP tool (contract exclude: mcp)' };
  const transport = surface === 'mcp' && rules.mcpRequiresAuth;
  const needsCredential = op.auth === 'required' || transport;
  if (!needsCredential) return { applies: false, reason: `public operation (auth: ${op.auth}): no credential is checked` };
  if (CREDENTIAL_CASES.includes(which)) {
    if (which === 'expired' && rules.noExpiry) return { applies: false, reason: rules.noExpiry };
    return { applies: true, expect: { kind: 'unauthorized', transport } };
  }
  // Past authentication, a public operation reached through hosted MCP has no scope, claim or tenant rule.
  if (op.auth !== 'required') return { applies: false, reason: `public operation (auth: ${op.auth}): only the transport checks the credential` };
  if (which === 'wrong_scope') {
    if (op.scopes.length > 0) return { applies: true, expect: { kind: 'missing_scope', requiredScopes: op.scopes } };
    const anyOf = anyScopeGate(op);
    if (anyOf) return { applies: true, expect: { kind: 'missing_any_scope', anyOf } };
    return { applies: false, reason: 'no scope required: any valid credential will do (gate any-token)' };
  }
  if (which === 'unclaimed') {
    if (!rules.claimGate) return { applies: false, reason: 'the product has no claim requirement' };
    const claim = gatesOf(op)
      .map((g) => rules.claimGate?.(g))
      .find(Boolean);
    return claim ? { applies: true, expect: { kind: 'claim_required', action: claim.action } } : { applies: false, reason: 'no gate requires a claimed account' };
  }
  const { addressed, filters } = idInputs(op);
  return addressed.length > 0 ? { applies: true, expect: { kind: 'addressed', idFields: addressed } } : { applies: true, expect: { kind: 'tenant_wide', idFields: filters } };
}

export function planAuthorizationMatrix(api: ApiDefinition, rules: MatrixRules): MatrixPlan {
  const plan: MatrixPlan = new Map();
  for (const op of api.operations) {
    const surfaces = {} as Record<MatrixSurface, Record<AuthorizationCase, MatrixCell>>;
    for (const surface of MATRIX_SURFACES) {
      surfaces[surface] = Object.fromEntries(AUTHORIZATION_CASES.map((c) => [c, cellFor(op, surface, c, rules)])) as Record<AuthorizationCase, MatrixCell>;
    }
    plan.set(op.name, surfaces);
  }
  return plan;
}

/** The applicable cells of one case, as [operation, surface, expectation] rows. */
export function cellsOf(api: ApiDefinition, plan: MatrixPlan, which: AuthorizationCase): Array<{ op: AnyOperation; surface: MatrixSurface; expect: CellExpectation }> {
  const rows: Array<{ op: AnyOperation; surface: MatrixSurface; expect: CellExpectation }> = [];
  for (const op of api.operations) {
    for (const surface of MATRIX_SURFACES) {
      const cell = plan.get(op.name)?.[surface][which];
      if (cell?.applies) rows.push({ op, surface, expect: cell.expect });
    }
  }
  return rows;
}

/**
 * The credential cells to run: on REST every bad credential of a case against every operation; on
 * MCP, where the transport refuses before any tool is looked at, each cell gets one of the case's
 * credentials in turn, so every credential still reaches many tools at a fraction of the calls.
 */
export function credentialRuns<T extends { which: AuthorizationCase }>(api: ApiDefinition, plan: MatrixPlan, credentials: readonly T[]) {
  const rows: Array<{ op: AnyOperation; surface: MatrixSurface; expect: CellExpectation; which: AuthorizationCase; cred: T }> = [];
  for (const which of CREDENTIAL_CASES) {
    const ofCase = credentials.filter((c) => c.which === which);
    let turn = 0;
    for (const cell of cellsOf(api, plan, which)) {
      if (ofCase.length === 0) continue;
      const chosen = cell.surface === 'rest' ? ofCase : [ofCase[turn++ % ofCase.length]];
      for (const cred of chosen) rows.push({ ...cell, which, cred });
    }
  }
  return rows;
}

/** Scopes of `all` that do not satisfy any scope the operation requires (with the product's implication rule). */
export function scopesLacking(api: ApiDefinition, all: readonly string[], required: readonly string[]): string[] {
  return all.filter((s) => !required.some((r) => hasScope(api, [s], r)));
}

/**
 * Records which cells a test ran; `missing(plan)` lists every applicable cell it did not, so an
 * operation added later fails the matrix until its cells run.
 */
export class MatrixLedger {
  private readonly ran = new Set<string>();

  record(op: string, surface: MatrixSurface, which: AuthorizationCase): void {
    this.ran.add(`${op} ${surface} ${which}`);
  }

  missing(plan: MatrixPlan): string[] {
    const out: string[] = [];
    for (const [name, surfaces] of plan) {
      for (const surface of MATRIX_SURFACES) {
        for (const which of AUTHORIZATION_CASES) {
          if (surfaces[surface][which].applies && !this.ran.has(`${name} ${surface} ${which}`)) out.push(`${name} ${surface} ${which}`);
        }
      }
    }
    return out;
  }
}
