/**
 * @module Stdio MCP server in remote mode: each tool calls the product's HTTP API through the
 * derived client, exactly as a user's agent would. stdout carries only protocol; logs go to stderr.
 * Both protocol eras are served (the SDK's `serveStdio` picks the era from the opening message).
 */
import { type CallToolResult, McpServer } from '@modelcontextprotocol/server';
import { ApiClientError, type HttpClient } from '../client/http-client';
import type { ApiDefinition } from '../operations/api';
import type { AnyOperation } from '../operations/define';
import { serveStdioServer } from './serve-stdio';
import type { OrderedStdioTransportOptions } from './stdio-transport';
import { errorResult, registerOperationTools, selectTools, successResult, type ToolCaller, type ToolFilter, type ToolListOptions } from './tools';

export interface StdioServerOptions {
  api: ApiDefinition;
  name: string;
  version: string;
  instructions?: string;
  /** Operations served (default: every operation of the api not excluded from MCP). */
  operations?: AnyOperation[];
  /** Called per tool call so credentials saved mid-session (register, claim) are picked up. */
  client: () => HttpClient;
  filter?: ToolFilter;
  /** `outputSchemas: true` lists each tool's output schema (opt-in, see docs/mcp.md). */
  listing?: ToolListOptions;
  /** Extra tools that are not plain operations (onboarding tools that write local files). */
  registerExtraTools?: (server: McpServer) => void;
  /** Tools serialized against every other request (they change what later calls see). */
  barrierTools?: string[];
  /** Streams and close hook (tests); defaults to the process's stdio. */
  transport?: Omit<OrderedStdioTransportOptions, 'barrierTools'>;
}

export function remoteCaller(client: () => HttpClient): ToolCaller {
  return async (op: AnyOperation, args) => {
    try {
      const output = await client().call(op, args);
      return successResult(op, output, args, (err) => process.stderr.write(`mcp: summariser of ${op.name} failed: ${(err as Error).message}\n`));
    } catch (err) {
      return failedCallResult(err);
    }
  };
}

/** A failed remote call as a tool result: the API's envelope, else a `CLIENT_ERROR` (network, local I/O). */
export function failedCallResult(err: unknown): CallToolResult {
  if (err instanceof ApiClientError) return errorResult(err);
  return errorResult({ status: 0, code: 'CLIENT_ERROR', message: (err as Error).message });
}

export function buildStdioServerFactory(options: StdioServerOptions): () => McpServer {
  const ops = selectTools(
    (options.operations ?? options.api.operations).filter((op) => !op.exclude?.includes('mcp')),
    options.filter,
  );
  const caller = remoteCaller(options.client);
  return () => {
    const server = new McpServer({ name: options.name, version: options.version }, { capabilities: { tools: {} }, instructions: options.instructions });
    options.registerExtraTools?.(server);
    registerOperationTools(server, ops, caller, options.listing);
    return server;
  };
}

export function runStdioServer(options: StdioServerOptions) {
  return serveStdioServer(buildStdioServerFactory(options), options);
}

