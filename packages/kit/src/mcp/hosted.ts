/**
 * @module Hosted MCP over Streamable HTTP (both protocol eras, stateless: a fresh server per
 * request, so several instances need no sticky sessions). Tools call the operation pipeline
 * in-process with the caller's credential, and only the tools the credential's scopes allow
 * are listed.
 */
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import type { Context } from 'hono';
import { ApiError, resolveError } from '../errors/api-error';
import { bearerToken, clientIp } from '../http/rest';
import type { AnyOperation } from '../operations/define';
import type { CallerAuth, RequestScope } from '../operations/implement';
import type { OperationServer } from '../operations/invoke';
import { errorResult, registerOperationTools, selectTools, successResult, type ToolFilter } from './tools';

export interface HostedMcpOptions {
  name: string;
  version: string;
  instructions?: string;
  filter?: ToolFilter;
  /** When true, a request without a valid credential is refused with 401 before MCP runs. */
  requireAuth: boolean;
}

/** The caller a per-session or per-request McpServer acts for (shared with the SSE transport). */
export interface HostedCaller<A> {
  auth: A | null;
  clientIp?: string;
  requestId: string;
}

/**
 * Builds the McpServer for one caller: only the tools the credential's scopes allow, each calling
 * the operation pipeline in-process with that caller. Used per request by /mcp and per session by
 * the legacy SSE transport (sse.ts).
 */
export function createCallerServerFactory<A extends CallerAuth, C>(server: OperationServer<A, C>, options: HostedMcpOptions) {
  const { errorModel } = server.binding.api;
  const mcpOps = server.binding.api.operations.filter((op) => !op.exclude?.includes('mcp'));
  return (caller: HostedCaller<A> | undefined): McpServer => {
    const auth = caller?.auth ?? null;
    const allowed = new Set(server.allowedFor(auth).map((i) => i.contract.name));
    const ops = selectTools(mcpOps.filter((op) => allowed.has(op.name)), options.filter);
    const mcp = new McpServer({ name: options.name, version: options.version }, { capabilities: { tools: {} }, instructions: options.instructions });
    registerOperationTools(mcp, ops, async (op: AnyOperation, args) => {
      const scope: RequestScope<A> = {
        auth,
        requestId: caller?.requestId ?? crypto.randomUUID(),
        surface: 'mcp',
        clientIp: caller?.clientIp,
        setHeader: () => {},
        setStatus: () => {},
      };
      try {
        return successResult(op, await server.invoke(op.name, args, scope), args);
      } catch (err) {
        return errorResult({ ...resolveError(err, errorModel), requestId: scope.requestId });
      }
    });
    return mcp;
  };
}

export function createHostedMcp<A extends CallerAuth, C>(server: OperationServer<A, C>, options: HostedMcpOptions) {
  const { errorModel } = server.binding.api;
  const serverFor = createCallerServerFactory(server, options);
  // The caller travels in authInfo.extra: the SDK passes authInfo through untouched to the factory.
  const handler = createMcpHandler(({ authInfo }) => serverFor(authInfo?.extra?.caller as HostedCaller<A> | undefined), { legacy: 'stateless' });

  /** Hono handler for `app.all('/mcp', ...)`. */
  return async function hostedMcpRoute(c: Context): Promise<Response> {
    const ip = clientIp(c);
    const requestId = (c.get('requestId' as never) as string | undefined) ?? crypto.randomUUID();
    let auth: A | null;
    try {
      auth = await server.binding.authenticate(bearerToken(c.req.header('Authorization')), { clientIp: ip });
      if (!auth && options.requireAuth) throw new ApiError({ kind: 'unauthorized', message: 'Missing bearer token: send Authorization: Bearer <token>.' });
    } catch (err) {
      const resolved = resolveError(err, errorModel);
      return c.json(errorModel.envelope(resolved, requestId), resolved.status as 401, { 'WWW-Authenticate': 'Bearer' });
    }
    const caller: HostedCaller<A> = { auth, clientIp: ip, requestId };
    return handler.fetch(c.req.raw, {
      authInfo: { token: '', clientId: auth?.credentialId ?? 'anonymous', scopes: auth?.scopes ?? [], expiresAt: Math.floor(Date.now() / 1000) + 3600, extra: { caller } },
    });
  };
}
