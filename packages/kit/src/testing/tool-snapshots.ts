/**
 * @module Snapshots of every derived surface (the MCP tool JSON per operation, an OpenAPI
 * document) with sorted keys, and a token-cost report of `tools/list` (o200k), so a schema or
 * description change shows up in review and the total stays under a budget.
 */
import type { Tool } from '@modelcontextprotocol/server';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { listedTool, type ToolListOptions } from '../mcp/tools';
import type { AnyOperation } from '../operations/define';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as object).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** The tool exactly as `tools/list` advertises it (output schema only when asked for). */
export function toolJson(op: AnyOperation, options: ToolListOptions = {}): Tool {
  return listedTool(op, options);
}

/** Stable text for `toMatchFileSnapshot`: the whole tool, output schema included. */
export function toolSnapshot(tool: AnyOperation | Tool): string {
  return jsonSnapshot(isOperation(tool) ? toolJson(tool, { outputSchemas: true }) : tool);
}

/** Stable text of any JSON document (an OpenAPI document, a tool list). */
export function jsonSnapshot(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

export interface TokenReport {
  tools: Array<{ name: string; bytes: number; tokens: number }>;
  totalBytes: number;
  /** o200k tokens of `{"tools":[…]}` as `tools/list` sends it. */
  totalTokens: number;
  averageTokens: number;
}

function isOperation(item: AnyOperation | Tool): item is AnyOperation {
  return typeof (item as AnyOperation).summarize === 'function';
}

/** Bytes and o200k tokens of each tool and of the whole list (the default listing for operations). */
export function tokenReport(items: Array<AnyOperation | Tool>, options: ToolListOptions = {}): TokenReport {
  const listed = items.map((item) => (isOperation(item) ? toolJson(item, options) : item));
  const tools = listed.map((tool) => {
    const text = JSON.stringify(tool);
    return { name: tool.name, bytes: Buffer.byteLength(text), tokens: encode(text).length };
  });
  const whole = JSON.stringify({ tools: listed });
  const totalTokens = encode(whole).length;
  return { tools, totalBytes: Buffer.byteLength(whole), totalTokens, averageTokens: listed.length ? totalTokens / listed.length : 0 };
}
