/**
 * @module Hosted MCP over Streamable HTTP (both protocol eras, stateless: a server per request,
 * so several instances need no sticky sessions). Tools call the operation pipeline in-process
 * with the caller's credential.
 *
 * Per request only the caller-dependent part runs: a low-level SDK `Server` with two handlers.
 * The listed tool JSON is computed once per operation, and each distinct set of allowed tools
 * (one per scope combination) is cached. `tools/list` shows only what the credential may use;
 * `tools/call` of any documented tool goes through the pipeline, so a tool the credential may
 * not use answers a tool error naming the missing scope (or the claim step), as REST does.
 */
import {
  type AuthInfo,
  createMcpHandler,
  isLegacyRequest,
  ProtocolError,
  ProtocolErrorCode,
  Server,
  type Tool,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import type { Context } from 'hono';
import { ApiError, resolveError } from '../errors/api-error';
import { bearerToken, clientIp } from '../http/rest';
import type { Logger } from '../log/logger';
import type { AppMetrics } from '../metrics/app-metrics';
import type { AnyOperation } from '../operations/define';
import type { CallerAuth, RequestScope } from '../operations/implement';
import type { OperationServer } from '../operations/invoke';
import { isOutputSchemasFlag } from './serve-stdio';
import { errorResult, listedTool, selectTools, successResult, type ToolFilter } from './tools';

export interface HostedMcpOptions {
  name: string;
  version: string;
  instructions?: string;
  filter?: ToolFilter;
  /** When true, a request without a valid credential is refused with 401 before MCP runs. */
  requireAuth: boolean;
  /** 5xx tool failures and summariser errors are logged here with the request id. */
  logger?: Logger;
  /** Latency per tool and status class (`mcp_tool_call_duration_seconds`). */
  metrics?: AppMetrics;
}

/** Who is calling: resolved once per HTTP request (Streamable HTTP) or per session (SSE). */
export interface HostedCaller<A> {
  auth: A | null;
  clientIp?: string;
  /** The HTTP request's id; a fresh one per tool call when absent (long-lived sessions). */
  requestId?: string;
  /** List output schemas (header `X-MCP-Output-Schemas: 1`). */
  outputSchemas?: boolean;
}

/** Request header that turns output schemas on for hosted callers. */
export const OUTPUT_SCHEMAS_HEADER = 'X-MCP-Output-Schemas';

/**
 * Everything that does not depend on the caller, computed once, plus `serverFor(caller)`: the MCP
 * server for one caller, used by Streamable HTTP (`createHostedMcp`) and any other transport.
 */
export function createHostedMcpServers<A extends CallerAuth, C>(server: OperationServer<A, C>, options: HostedMcpOptions) {
  const { errorModel } = server.binding.api;
  const documented = selectTools(
    server.binding.api.operations.filter((op) => !op.exclude?.includes('mcp')),
    options.filter,
  );
  const byName = new Map(documented.map((op) => [op.name, op]));
  const latency = options.metrics ? new Map(documented.map((op) => [op.name, (options.metrics as AppMetrics).tool(op.name)])) : undefined;
  const listCache = new Map<string, Tool[]>();

  function toolsFor(auth: A | null, outputSchemas: boolean): Tool[] {
    const allowed = new Set(server.allowedFor(auth).map((i) => i.contract.name));
    const ops = documented.filter((op) => allowed.has(op.name));
    const key = `${outputSchemas ? 1 : 0}:${ops.map((op) => op.name).join(',')}`;
    let tools = listCache.get(key);
    if (!tools) {
      tools = ops.map((op) => listedTool(op, { outputSchemas }));
      // Bounded by the number of scope combinations in use; a cap keeps a pathological mix in check.
      if (listCache.size < 256) listCache.set(key, tools);
    }
    return tools;
  }

  async function callTool(op: AnyOperation, args: Record<string, unknown>, caller: HostedCaller<A>) {
    const scope: RequestScope<A> = {
      auth: caller.auth,
      requestId: caller.requestId ?? crypto.randomUUID(),
      surface: 'mcp',
      clientIp: caller.clientIp,
      setHeader: () => {},
      setStatus: () => {},
    };
    const started = performance.now();
    try {
      const output = await server.invoke(op.name, args, scope);
      const result = successResult(op, output, args, (err) => options.logger?.error({ err, tool: op.name, requestId: scope.requestId }, 'MCP summariser failed'));
      latency?.get(op.name)?.observe(200, started);
      return result;
    } catch (err) {
      const resolved = resolveError(err, errorModel);
      latency?.get(op.name)?.observe(resolved.status, started);
      if (resolved.status >= 500) options.logger?.error({ err, tool: op.name, requestId: scope.requestId }, 'hosted MCP tool failed');
      return errorResult({ ...resolved, requestId: scope.requestId });
    }
  }

  /** The MCP server for one caller: lists what it may use, calls any documented tool. */
  function serverFor(caller: HostedCaller<A>): Server {
    const mcp = new Server({ name: options.name, version: options.version }, { capabilities: { tools: {} }, instructions: options.instructions });
    mcp.setRequestHandler('tools/list', () => ({ tools: toolsFor(caller.auth, caller.outputSchemas ?? false) }));
    mcp.setRequestHandler('tools/call', async (request) => {
      const op = byName.get(request.params.name);
      if (!op) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Tool ${request.params.name} not found`);
      const result = await callTool(op, (request.params.arguments ?? {}) as Record<string, unknown>, caller);
      return mcp.projectCallToolResult(result, caller.outputSchemas ? listedTool(op, { outputSchemas: true }).outputSchema : undefined);
    });
    return mcp;
  }

  /** Resolves the caller from the request; a Response (401) when it must be refused. */
  async function authenticate(c: Context): Promise<HostedCaller<A> | Response> {
    const ip = clientIp(c);
    const requestId = (c.get('requestId' as never) as string | undefined) ?? crypto.randomUUID();
    try {
      const auth = await server.binding.authenticate(bearerToken(c.req.header('Authorization')), { clientIp: ip });
      if (!auth && options.requireAuth) throw new ApiError({ kind: 'unauthorized', message: 'Missing bearer token: send Authorization: Bearer <token>.' });
      return { auth, clientIp: ip, requestId, outputSchemas: isOutputSchemasFlag(c.req.header(OUTPUT_SCHEMAS_HEADER)) };
    } catch (err) {
      const resolved = resolveError(err, errorModel);
      if (resolved.status >= 500) options.logger?.error({ err, requestId, path: c.req.path }, 'hosted MCP authentication failed');
      // Retry-After of a 429 (throttled credential guesses) as on REST; the Bearer challenge on a 401.
      const headers: Record<string, string> = { ...resolved.headers };
      if (resolved.status === 401) headers['WWW-Authenticate'] = 'Bearer';
      return c.json(errorModel.envelope(resolved, requestId), resolved.status as 401, headers);
    }
  }

  return { serverFor, authenticate, toolsFor };
}

/**
 * Hono handler for `app.all('/mcp', ...)`: Streamable HTTP, both eras.
 *
 * The modern (2026-07-28) era goes to the SDK's `createMcpHandler`. A 2025-era POST whose body is
 * JSON is answered by the SDK's own stateless transport with a plain JSON body
 * (`enableJsonResponse`) instead of the SDK fallback's one-message SSE stream: the spec lets the
 * server pick either, both SDK generations' clients read both, and our tools send no mid-call
 * notifications that a stream would carry. The stream cost about a third of a call's CPU under load
 * (README, "Load"). Anything else of the 2025 era (GET, DELETE, a body that is not JSON) still goes
 * to the SDK fallback, which answers it.
 */
export function createHostedMcp<A extends CallerAuth, C>(server: OperationServer<A, C>, options: HostedMcpOptions) {
  const servers = createHostedMcpServers(server, options);
  const onerror = (err: Error) => options.logger?.warn({ err }, 'hosted MCP request error');
  const handler = createMcpHandler(
    // The caller travels in authInfo.extra: the SDK passes authInfo through untouched to the factory.
    ({ authInfo }) => servers.serverFor((authInfo?.extra?.caller as HostedCaller<A> | undefined) ?? { auth: null }),
    { legacy: 'stateless', onerror },
  );

  async function serveLegacyJson(request: Request, parsedBody: unknown, authInfo: AuthInfo, caller: HostedCaller<A>): Promise<Response> {
    const mcp = servers.serverFor(caller);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    transport.onerror = onerror;
    await mcp.connect(transport);
    try {
      return await transport.handleRequest(request, { authInfo, parsedBody });
    } finally {
      await mcp.close();
    }
  }

  return async function hostedMcpRoute(c: Context): Promise<Response> {
    const caller = await servers.authenticate(c);
    if (caller instanceof Response) return caller;
    const authInfo: AuthInfo = {
      token: '',
      clientId: caller.auth?.credentialId ?? 'anonymous',
      scopes: caller.auth?.scopes ?? [],
      expiresAt: Math.floor(Date.now() / 1000) + 3600,
      extra: { caller },
    };
    try {
      let request = c.req.raw;
      let parsedBody: unknown;
      if (request.method === 'POST') {
        // Read once: the routing decision and the leg that answers share the parsed body.
        const text = await request.text();
        try {
          parsedBody = JSON.parse(text);
        } catch {
          request = new Request(request.url, { method: 'POST', headers: request.headers, body: text });
        }
        if (parsedBody !== undefined && (await isLegacyRequest(request, parsedBody))) return await serveLegacyJson(request, parsedBody, authInfo, caller);
      }
      return await handler.fetch(request, { authInfo, ...(parsedBody !== undefined && { parsedBody }) });
    } catch (err) {
      // The SDK answers protocol errors itself; anything reaching here is a bug: log it with the id.
      options.logger?.error({ err, requestId: caller.requestId, path: c.req.path }, 'hosted MCP request failed');
      throw err;
    }
  };
}
