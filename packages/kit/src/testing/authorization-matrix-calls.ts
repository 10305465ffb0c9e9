/**
 * @module Calling the authorization matrix's cells: one operation over REST (built from its
 * contract as any client sends it) or as a hosted MCP `tools/call` (raw JSON-RPC over Streamable
 * HTTP: the endpoint is stateless, so one POST per call, no session), each read back into the same
 * shape, and the checks shared by both products, which return violations instead of throwing so a
 * run reports every broken cell at once.
 */
import type { ErrorModel } from '../errors/api-error';
import { parseErrorText } from '../mcp/tools';
import type { ApiDefinition } from '../operations/api';
import { type AnyOperation, fillPath, isQueryField, pathParams } from '../operations/define';
import { type AuthorizationCase, type CellExpectation, cellsOf, type MatrixLedger, type MatrixPlan, type MatrixSurface } from './authorization-matrix';

/** What one call answered, whichever surface it went through. */
export interface MatrixAnswer {
  surface: MatrixSurface;
  /** HTTP status (REST, or the MCP transport's refusal), or the status in the tool error's text. */
  status: number;
  /** Set when the answer is an error: its product code. */
  code?: string;
  details: Record<string, unknown>;
  /** MCP: the HTTP request itself was refused (no JSON-RPC answer). */
  transport: boolean;
  headers: Headers;
  /** The REST body, the MCP tool result (text + structuredContent) or the transport's body. */
  body: unknown;
}

export async function callRest(baseUrl: string, api: ApiDefinition, op: AnyOperation, input: Record<string, unknown>, token: string | null): Promise<MatrixAnswer> {
  const url = new URL(`${api.basePath}${fillPath(op.path, input)}`, baseUrl);
  const inPath = new Set(pathParams(op.path));
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined || inPath.has(field)) continue;
    if (isQueryField(op, field)) url.searchParams.set(field, Array.isArray(value) ? value.join(',') : String(value));
    else body[field] = value;
  }
  const headers: Record<string, string> = token === null ? {} : { Authorization: `Bearer ${token}` };
  const hasBody = op.method !== 'GET' && op.method !== 'DELETE';
  if (hasBody) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, { method: op.method, headers, body: hasBody ? JSON.stringify(body) : undefined });
  const parsed = await readJson(res);
  const error = res.status >= 400 ? api.errorModel.parse(res.status, parsed) : undefined;
  return { surface: 'rest', status: res.status, code: error?.code, details: error?.details ?? {}, transport: false, headers: res.headers, body: parsed };
}

let rpcId = 0;

/** A hosted MCP `tools/call` with the 2025 era's headers; `mcpUrl` is the full endpoint (`…/mcp`). */
export async function callMcpTool(mcpUrl: string, errorModel: ErrorModel, tool: string, args: Record<string, unknown>, token: string | null): Promise<MatrixAnswer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'MCP-Protocol-Version': '2025-06-18' };
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(mcpUrl, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: ++rpcId, method: 'tools/call', params: { name: tool, arguments: args } }) });
  const text = await res.text();
  if (res.status !== 200) {
    const body = safeJson(text);
    const error = errorModel.parse(res.status, body);
    return { surface: 'mcp', status: res.status, code: error.code, details: error.details ?? {}, transport: true, headers: res.headers, body };
  }
  // One JSON-RPC answer, as JSON or as the single `data:` line of an SSE event.
  const payload = res.headers.get('content-type')?.includes('text/event-stream') ? /^data: (.*)$/m.exec(text)?.[1] : text;
  const message = safeJson(payload ?? '') as { result?: { isError?: boolean; content?: Array<{ text?: string }> }; error?: { code: number; message: string } } | null;
  if (!message?.result) throw new Error(`tools/call ${tool} answered no result: ${text.slice(0, 500)}`);
  const result = message.result;
  if (!result.isError) return { surface: 'mcp', status: 200, details: {}, transport: false, headers: res.headers, body: result };
  const toolText = (result.content ?? []).map((c) => c.text ?? '').join('\n');
  const error = parseErrorText(toolText);
  if (!error) throw new Error(`tool error of ${tool} is not "Error (HTTP …)": ${toolText}`);
  return { surface: 'mcp', status: error.status, code: error.code, details: error.details ?? {}, transport: false, headers: res.headers, body: { text: toolText } };
}

async function readJson(res: Response): Promise<unknown> {
  return safeJson(await res.text());
}

function safeJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

/** The violations of one credential/scope/claim cell (empty when the answer is the documented one). */
export function refusalViolations(answer: MatrixAnswer, expect: CellExpectation, errorModel: ErrorModel): string[] {
  const problems: string[] = [];
  const seen = `${answer.status} ${answer.code ?? ''} ${JSON.stringify(answer.details)}`;
  const want = (ok: boolean, what: string) => {
    if (!ok) problems.push(`${what}; got ${seen}`);
  };
  switch (expect.kind) {
    case 'unauthorized':
      want(answer.status === 401 && answer.code === errorModel.codes.unauthorized, `401 ${errorModel.codes.unauthorized}`);
      if (expect.transport) want(answer.transport, 'refused at the MCP transport (HTTP 401), not as a tool result');
      want(/^Bearer\b/.test(answer.headers.get('www-authenticate') ?? '') || (answer.surface === 'mcp' && !answer.transport), 'WWW-Authenticate: Bearer');
      break;
    case 'missing_scope': {
      want(answer.status === 403 && answer.code === errorModel.codes.forbidden, `403 ${errorModel.codes.forbidden}`);
      const named = answer.details.requiredScopes as string[] | undefined;
      want(JSON.stringify(named) === JSON.stringify(expect.requiredScopes), `details.requiredScopes ${JSON.stringify(expect.requiredScopes)}`);
      break;
    }
    case 'missing_any_scope': {
      want(answer.status === 403, '403');
      const named = (answer.details.requiredScopes as string[] | undefined) ?? [];
      want(
        expect.anyOf.every((s) => named.includes(s)),
        `details.requiredScopes naming ${expect.anyOf.join(', ')}`,
      );
      break;
    }
    case 'claim_required':
      want(answer.status === 403 && answer.details.reason === 'account_claim_required' && answer.details.action === expect.action, `403 account_claim_required for "${expect.action}"`);
      want(typeof answer.details.claimUrl === 'string', 'details.claimUrl');
      break;
    default:
      problems.push(`not a refusal cell: ${expect.kind}`);
  }
  return problems;
}

/** Replaces every occurrence of each value of `from` by the value of `to` under the same key. */
export function swapIds(text: string, from: Record<string, string>, to: Record<string, string>): string {
  let out = text;
  for (const key of Object.keys(from)) if (from[key] && to[key]) out = out.split(from[key]).join(to[key]);
  return out;
}

/**
 * The other-tenant probes of one cell: the case's own input, then one more per id field the case
 * does not aim at the target, with that field set to the target's id of the same kind (`seat_id`
 * and `seatId` both name `seatId`). Each probe has its twin aimed at the made-up ids.
 */
export function idProbes(idFields: readonly string[], input: Record<string, unknown>, ghostInput: Record<string, unknown>, target: Record<string, string>, ghost: Record<string, string>) {
  const probes = [{ field: null as string | null, input, ghostInput }];
  const aimed = new Set(Object.values(target));
  for (const field of idFields) {
    const key = field.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
    if (aimed.has(String(input[field])) || !(key in target)) continue;
    probes.push({ field, input: { ...input, [field]: target[key] }, ghostInput: { ...ghostInput, [field]: ghost[key] } });
  }
  return probes;
}

/** An answer with what differs per request (request ids) taken out, for foreign-vs-missing comparisons. */
export function comparable(answer: MatrixAnswer): string {
  const body = JSON.stringify(answer.body) ?? '';
  return JSON.stringify({ status: answer.status, code: answer.code ?? null, body: body.replace(/(Request id: |"requestId":")[^"\\]+/g, '$1<id>') });
}

/** Limited concurrency over a list (the calls share one database; a few at a time overlap HTTP and JSON work). */
export async function inBatches<T, R>(items: readonly T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return out;
}

/**
 * Every applicable cell of one refusal case, a few at a time: `answer` makes the call, the cell is
 * recorded in the ledger, and each problem comes back prefixed with its operation and surface
 * (`extra` adds a product's own checks of the refusal).
 */
export async function refusalProblems(options: {
  api: ApiDefinition;
  plan: MatrixPlan;
  which: AuthorizationCase;
  ledger: MatrixLedger;
  errorModel: ErrorModel;
  batch: number;
  answer(op: AnyOperation, surface: MatrixSurface, expect: CellExpectation): Promise<MatrixAnswer>;
  extra?(answer: MatrixAnswer): string[];
}): Promise<string[]> {
  const found = await inBatches(cellsOf(options.api, options.plan, options.which), options.batch, async ({ op, surface, expect }) => {
    const answer = await options.answer(op, surface, expect);
    options.ledger.record(op.name, surface, options.which);
    return [...refusalViolations(answer, expect, options.errorModel), ...(options.extra?.(answer) ?? [])].map((p) => `${op.name} ${surface}: ${p}`);
  });
  return found.flat();
}
