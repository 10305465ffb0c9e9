/**
 * @module Both official MCP client generations behind one small interface, so an end-to-end test
 * runs unchanged with the v1 client (`@modelcontextprotocol/sdk`, which validates
 * `structuredContent` against the output schema even on errors) and the v2 client
 * (`@modelcontextprotocol/client`), over stdio, Streamable HTTP or the legacy HTTP+SSE transport.
 */
import { Client as ClientV2, SSEClientTransport as SseTransportV2, StreamableHTTPClientTransport as HttpTransportV2 } from '@modelcontextprotocol/client';
import { StdioClientTransport as StdioTransportV2 } from '@modelcontextprotocol/client/stdio';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport as SseTransportV1 } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport as StdioTransportV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as HttpTransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Tool } from '@modelcontextprotocol/server';
import type { ErrorPayload } from '../errors/api-error';
import { parseErrorText } from '../mcp/tools';

export type ClientGeneration = 'v1' | 'v2';
export const CLIENT_GENERATIONS: ClientGeneration[] = ['v1', 'v2'];

export interface TestMcpClient {
  generation: ClientGeneration;
  listTools(): Promise<{ tools: Tool[] }>;
  // biome-ignore lint/suspicious/noExplicitAny: results are asserted field by field.
  callTool(name: string, args?: Record<string, unknown>): Promise<CallToolResult & { structuredContent?: any }>;
  close(): Promise<void>;
  /** What the spawned server wrote to stderr (stdio only). */
  stderr(): string;
}

export interface ConnectOptions {
  /** v2 only: `legacy` speaks `initialize` (2025 era), `auto` the 2026-07-28 era. v1 is always legacy. */
  mode?: 'legacy' | 'auto';
}

function wrap(generation: ClientGeneration, client: ClientV1 | ClientV2, stderr: () => string = () => ''): TestMcpClient {
  return {
    generation,
    listTools: async () => (await client.listTools()) as { tools: Tool[] },
    callTool: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: () => client.close(),
    stderr,
  };
}

export async function connectMcpStdio(
  generation: ClientGeneration,
  server: { command: string; args: string[]; env: Record<string, string> },
  options: ConnectOptions = {},
): Promise<TestMcpClient> {
  let stderr = '';
  const onData = (d: Buffer) => {
    stderr += d.toString();
  };
  const info = { name: `mcp-test-${generation}`, version: '1.0.0' };
  if (generation === 'v1') {
    const transport = new StdioTransportV1({ ...server, stderr: 'pipe' });
    transport.stderr?.on('data', onData);
    const client = new ClientV1(info);
    await client.connect(transport);
    return wrap(generation, client, () => stderr);
  }
  const transport = new StdioTransportV2({ ...server, stderr: 'pipe' });
  transport.stderr?.on('data', onData);
  const client = new ClientV2(info, { versionNegotiation: { mode: options.mode ?? 'legacy' } });
  await client.connect(transport);
  return wrap(generation, client, () => stderr);
}

export async function connectMcpHttp(generation: ClientGeneration, url: string, headers: Record<string, string>, options: ConnectOptions = {}): Promise<TestMcpClient> {
  const info = { name: `mcp-test-${generation}`, version: '1.0.0' };
  if (generation === 'v1') {
    const client = new ClientV1(info);
    await client.connect(new HttpTransportV1(new URL(url), { requestInit: { headers } }));
    return wrap(generation, client);
  }
  const client = new ClientV2(info, { versionNegotiation: { mode: options.mode ?? 'legacy' } });
  await client.connect(new HttpTransportV2(new URL(url), { requestInit: { headers } }));
  return wrap(generation, client);
}

/** The legacy HTTP+SSE transport (`GET <url>` stream, POSTs to the endpoint it announces); always the 2025 era. */
export async function connectMcpSse(generation: ClientGeneration, url: string, headers: Record<string, string>): Promise<TestMcpClient> {
  const info = { name: `mcp-test-${generation}`, version: '1.0.0' };
  if (generation === 'v1') {
    const client = new ClientV1(info);
    await client.connect(new SseTransportV1(new URL(url), { requestInit: { headers } }));
    return wrap(generation, client);
  }
  const client = new ClientV2(info);
  await client.connect(new SseTransportV2(new URL(url), { requestInit: { headers } }));
  return wrap(generation, client);
}

/**
 * The error a tool result reports, read from its text the way a model reads it. Throws when the
 * result is not a tool error, or when it carries `structuredContent` (v1 clients would reject a
 * mismatch, so error results never carry one).
 */
export function toolError(result: { isError?: boolean; content?: unknown; structuredContent?: unknown }): ErrorPayload & { requestId?: string; text: string } {
  const text = ((result.content as Array<{ type: string; text?: string }>) ?? []).map((c) => c.text ?? '').join('\n');
  if (!result.isError) throw new Error(`expected a tool error, got a success: ${text}`);
  if (result.structuredContent !== undefined) throw new Error(`a tool error must not carry structuredContent: ${JSON.stringify(result.structuredContent)}`);
  const parsed = parseErrorText(text);
  if (!parsed) throw new Error(`tool error text does not start with "Error (HTTP <status> <code>): ": ${text}`);
  return { ...parsed, text };
}
