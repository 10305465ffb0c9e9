/**
 * @module What a stdio server needs before its first tool call, and nothing else: a bundled server
 * (opentrain-mcp) imports only this at start-up, so the HTTP client, tool results and summaries
 * load with the first `tools/call` (docs/mcp.md, "Cold start").
 */
import type { McpServer, Server } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { OrderedStdioTransport, type OrderedStdioTransportOptions } from './stdio-transport';

/** True when a flag/env value turns output schemas on (`1`, `true`, `yes`). */
export function isOutputSchemasFlag(value: string | undefined | null): boolean {
  return ['1', 'true', 'yes'].includes((value ?? '').trim().toLowerCase());
}

export interface ServeStdioOptions {
  /** Tools serialized against every other request (they change what later calls see). */
  barrierTools?: string[];
  /** Streams and close hook (tests); defaults to the process's stdio. */
  transport?: Omit<OrderedStdioTransportOptions, 'barrierTools'>;
}

/** Serves a server factory (McpServer, or the low-level Server of a prebuilt listing) over the process's stdio (or `transport`'s streams) with the ordered transport. */
export function serveStdioServer(factory: () => McpServer | Server, options: ServeStdioOptions = {}) {
  const transport = new OrderedStdioTransport({
    ...options.transport,
    barrierTools: options.barrierTools,
  });
  return serveStdio(factory, {
    transport,
    onerror: (e) => process.stderr.write(`mcp: ${e.message}\n`),
  });
}
