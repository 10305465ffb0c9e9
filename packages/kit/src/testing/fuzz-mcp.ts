/**
 * @module Fuzzing a hosted MCP endpoint's `tools/call` with the same arbitraries as REST, as raw
 * JSON-RPC over Streamable HTTP (stateless: one POST per call), so malformed arguments reach the
 * server exactly as sent. A bad call must come back as a tool error (`isError`, never HTTP 5xx
 * inside) or as JSON-RPC invalid params; an internal error (-32603) or an HTTP 5xx is a failure.
 */
import fc from 'fast-check';
import { parseErrorText } from '../mcp/tools';
import type { AnyOperation } from '../operations/define';
import { arbitraryFromZod, fuzzInputArbitrary, hostileValue } from './fuzz';

const INVALID_PARAMS = -32602;

export interface McpFuzzCall {
  tool: string;
  /** Usually an object; sometimes a hostile non-object, as a broken client might send. */
  args: unknown;
}

/** `runs` fuzzed calls of one tool: schema-driven arguments (its MCP input when narrower), and a few non-objects. */
export function mcpFuzzCalls(op: AnyOperation, options: { runs: number; seed: number }): McpFuzzCall[] {
  const args = op.mcpInput ? fc.oneof(arbitraryFromZod(op.mcpInput), fuzzInputArbitrary(op)) : fuzzInputArbitrary(op);
  const withOddArgs = fc.oneof({ weight: 9, arbitrary: args as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: hostileValue });
  return fc.sample(withOddArgs, { numRuns: options.runs, seed: options.seed }).map((a) => ({ tool: op.name, args: a }));
}

/** The JSON-RPC message in a Streamable HTTP answer (plain JSON or one SSE `data:` event). */
function jsonRpcMessage(contentType: string, text: string): Record<string, unknown> | null {
  const payload = contentType.includes('text/event-stream')
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .join('')
    : text;
  try {
    return JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Sends one call; returns why its answer is wrong, or null. */
export async function judgeMcpFuzzCall(mcpUrl: string, token: string, call: McpFuzzCall, id: number): Promise<string | null> {
  const res = await fetch(mcpUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: call.tool, arguments: call.args } }),
  });
  const text = await res.text();
  const where = `${call.tool} ${JSON.stringify(call.args)?.slice(0, 160)}`;
  if (res.status >= 500) return `${where}: HTTP ${res.status} ${text.slice(0, 200)}`;
  const message = jsonRpcMessage(res.headers.get('Content-Type') ?? '', text);
  if (!message) return `${where}: HTTP ${res.status}, not JSON-RPC: ${text.slice(0, 200)}`;
  if (!('jsonrpc' in message)) return `${where}: HTTP ${res.status}, not a JSON-RPC answer: ${text.slice(0, 200)}`;
  const error = message.error as { code?: number; message?: string } | undefined;
  if (error) return error.code === INVALID_PARAMS ? null : `${where}: JSON-RPC error ${error.code} ${error.message?.slice(0, 160)}`;
  const result = message.result as { isError?: boolean; content?: Array<{ type: string; text?: string }> } | undefined;
  if (!result) return `${where}: neither result nor error: ${text.slice(0, 200)}`;
  if (!result.isError) return null;
  const errorText = result.content?.find((c) => c.type === 'text')?.text ?? '';
  const payload = parseErrorText(errorText);
  if (!payload) return `${where}: tool error without the error line: ${errorText.slice(0, 200)}`;
  return payload.status >= 500 ? `${where}: tool error ${payload.status} ${payload.code}: ${payload.message.slice(0, 160)}` : null;
}

/** Fuzzes every given tool; returns the failures (empty when every answer is a proper tool error or success). */
export async function mcpFuzzFailures(mcpUrl: string, token: string, ops: AnyOperation[], options: { runs: number; seed: number }): Promise<string[]> {
  const failures: string[] = [];
  let id = 0;
  for (const op of ops) {
    for (const call of mcpFuzzCalls(op, options)) {
      const failure = await judgeMcpFuzzCall(mcpUrl, token, call, ++id);
      if (failure && failures.length < 50) failures.push(failure);
    }
  }
  return failures;
}
