/**
 * @module Snapshots of every derived surface (the MCP tool JSON per operation) with sorted keys,
 * and a token-cost report of `tools/list`, so a schema or description change shows up in review
 * and the total stays under a budget.
 */
import { encode } from 'gpt-tokenizer';
import type { AnyOperation } from '../operations/define';
import { operationSchemas } from '../operations/json-schema';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value as object).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** The tool exactly as `tools/list` advertises it. */
export function toolJson(op: AnyOperation): Record<string, unknown> {
  const schemas = operationSchemas(op);
  return {
    name: op.name,
    ...(op.title ? { title: op.title } : {}),
    description: op.description,
    inputSchema: schemas.input,
    outputSchema: schemas.output,
    annotations: { ...op.annotations, ...(op.title ? { title: op.title } : {}) },
  };
}

/** Stable text for `toMatchFileSnapshot`. */
export function toolSnapshot(op: AnyOperation): string {
  return `${JSON.stringify(sortKeys(toolJson(op)), null, 2)}\n`;
}

export interface TokenReport {
  tools: Array<{ name: string; bytes: number; tokens: number }>;
  totalBytes: number;
  totalTokens: number;
}

/** Bytes and tokens (cl100k/o200k-style BPE via gpt-tokenizer) of each tool and of the whole list. */
export function tokenReport(ops: AnyOperation[]): TokenReport {
  const tools = ops.map((op) => {
    const text = JSON.stringify(toolJson(op));
    return { name: op.name, bytes: Buffer.byteLength(text), tokens: encode(text).length };
  });
  const whole = JSON.stringify({ tools: ops.map(toolJson) });
  return { tools, totalBytes: Buffer.byteLength(whole), totalTokens: encode(whole).length };
}
