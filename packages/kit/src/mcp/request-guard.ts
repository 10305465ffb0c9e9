/**
 * @module DNS-rebinding protection for hosted MCP endpoints: a web page on another site can make a
 * browser send requests to a server on the user's machine (e.g. 127.0.0.1:3100) under a hostname it
 * controls. Requests whose Host is not an allowed hostname, or that carry an Origin from a hostname
 * not allowed, are refused with 403 before MCP runs. Loopback names are always allowed; the public
 * URL's hostname and configured extras are added by the product. `*` turns a check off.
 */
import { localhostAllowedHostnames, validateHostHeader, validateOriginHeader } from '@modelcontextprotocol/server';
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError, type ErrorModel, resolveError } from '../errors/api-error';

export interface McpRequestGuardOptions {
  errorModel: ErrorModel;
  /** Extra hostnames accepted in Host (port-agnostic), evaluated per request (the public URL may be known late). */
  allowedHosts: () => string[];
  /** Extra hostnames accepted in Origin; requests without Origin (non-browser clients) always pass. */
  allowedOrigins: () => string[];
  /** Appended to the refusal, e.g. which setting to change. */
  hint?: string;
}

/** Hostname of a URL or a bare host[:port]; undefined when it parses as neither. */
export function hostnameOf(value: string): string | undefined {
  try {
    return new URL(value.includes('://') ? value : `http://${value}`).hostname;
  } catch {
    return undefined;
  }
}

/** Where a product's MCP allow-lists come from: its public URL plus configured extra names. */
export interface HostedMcpAllowList {
  /** Hostnames accepted in Host besides loopback and the public URL's; `*` accepts any. */
  allowedHosts: string[];
  /** Hostnames accepted in Origin (browser requests) besides loopback and the public URL's; `*` accepts any. */
  allowedOrigins: string[];
}

/**
 * The guard both products mount in front of their hosted MCP routes: loopback, the public URL's
 * hostname (read per request: it may be known only once the server listens) and the configured
 * extras. Behind a reverse proxy, set the public URL (or list the proxy's public name): the guard
 * reads Host as the proxy forwards it.
 */
export function hostedMcpGuard(options: { errorModel: ErrorModel; publicUrl: () => string; allowList: HostedMcpAllowList; hint: string }): MiddlewareHandler {
  const publicHost = () => {
    const host = hostnameOf(options.publicUrl());
    return host ? [host] : [];
  };
  return mcpRequestGuard({
    errorModel: options.errorModel,
    allowedHosts: () => [...publicHost(), ...options.allowList.allowedHosts],
    allowedOrigins: () => [...publicHost(), ...options.allowList.allowedOrigins],
    hint: options.hint,
  });
}

export function mcpRequestGuard(options: McpRequestGuardOptions): MiddlewareHandler {
  const loopback = localhostAllowedHostnames();
  return async (c: Context, next) => {
    const hosts = [...loopback, ...options.allowedHosts()];
    const origins = [...loopback, ...options.allowedOrigins()];
    const hint = options.hint ? ` ${options.hint}` : '';
    let refusal: ApiError | undefined;
    if (!hosts.includes('*')) {
      const host = validateHostHeader(c.req.header('Host'), hosts);
      if (!host.ok) refusal = new ApiError({ kind: 'forbidden', message: `Host ${c.req.header('Host') ?? '(none)'} is not allowed for MCP (DNS rebinding protection).${hint}`, details: { field: 'Host' } });
    }
    const origin = c.req.header('Origin');
    if (!refusal && origin && !origins.includes('*') && !validateOriginHeader(origin, origins).ok) {
      refusal = new ApiError({ kind: 'forbidden', message: `Origin ${origin} is not allowed for MCP (DNS rebinding protection).${hint}`, details: { field: 'Origin' } });
    }
    if (!refusal) return next();
    const requestId = (c.get('requestId' as never) as string | undefined) ?? crypto.randomUUID();
    const resolved = resolveError(refusal, options.errorModel);
    return c.json(options.errorModel.envelope(resolved, requestId), 403);
  };
}
