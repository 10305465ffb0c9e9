/**
 * @module REST routes mounted from the operation registry (never a hand-kept list): each route
 * reads path, query or JSON body into one input object and runs the shared pipeline.
 */
import type { Context, Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { ApiError, badRequest, resolveError } from '../errors/api-error';
import type { AppMetrics } from '../metrics/app-metrics';
import { type AnyOperation, isQueryField, usesQuery } from '../operations/define';
import type { AnyImplemented } from '../operations/implement';
import type { CallerAuth, RequestScope } from '../operations/implement';
import type { OperationServer } from '../operations/invoke';
import { coerceQuery } from '../operations/json-schema';
import type { AppEnv } from './env';

/** `Authorization: Bearer <token>` → token; anything else → null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : header.trim() === '' ? null : header.trim();
}

/** The caller's address: the peer, or behind a trusted proxy the forwarded client (client-address.ts). */
export function clientIp(c: Context): string | undefined {
  const resolved = c.get('clientIp') as string | undefined;
  if (resolved) return resolved;
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/** Hono path syntax from an OpenAPI-style template: `/jobs/{id}` → `/jobs/:id`. */
export function honoPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

export async function readJsonBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('Request body is not valid JSON.', { field: '(body)' });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest('Request body must be a JSON object.', { field: '(body)' });
  }
  return parsed as Record<string, unknown>;
}

export interface MountOperationsOptions {
  /** Latency per operation, method and status class (`http_request_duration_seconds`). */
  metrics?: AppMetrics;
}

export function mountOperations<A extends CallerAuth, C>(app: Hono<AppEnv>, server: OperationServer<A, C>, options: MountOperationsOptions = {}): void {
  const { api } = server.binding;
  const { metrics } = options;
  // Operations sharing a method + path are told apart by `selectWhen` query parameters.
  const groups = new Map<string, AnyImplemented<C>[]>();
  for (const impl of server.binding.implementations) {
    const key = `${impl.contract.method} ${impl.contract.path}`;
    groups.set(key, [...(groups.get(key) ?? []), impl]);
  }
  for (const impls of groups.values()) {
    const { method, path } = impls[0].contract;
    const selectors = impls.filter((i) => i.contract.selectWhen).sort((a, b) => a.contract.name.localeCompare(b.contract.name));
    const fallback = impls.find((i) => !i.contract.selectWhen);
    const corsOps = impls.filter((i) => i.contract.http?.cors);
    if (corsOps.length) mountPreflight(app, `${api.basePath}${honoPath(path)}`, corsOps.map((i) => i.contract), server);
    // Made at mount time, so a request only looks its series up.
    const series = metrics ? new Map(impls.map((i) => [i, metrics.rest(i.contract.name, method)])) : undefined;
    app.on(method, `${api.basePath}${honoPath(path)}`, async (c) => {
      const present = (name: string) => c.req.query(name) !== undefined;
      const impl = selectors.find((i) => present(i.contract.selectWhen as string)) ?? fallback ?? selectors[0];
      const latency = series?.get(impl);
      if (!latency) return handle(c, impl.contract, server);
      const started = performance.now();
      try {
        const response = await handle(c, impl.contract, server);
        latency.observe(response.status, started);
        return response;
      } catch (err) {
        // The status app.onError will answer with.
        latency.observe(resolveError(err, api.errorModel).status, started);
        throw err;
      }
    });
  }
}

const PREFLIGHT_MAX_AGE_SECONDS = 86_400;

/**
 * Answers the CORS preflight of cross-origin operations (`http.cors`), unless the concrete path is
 * another operation's static path (`/jobs/mine` is not the public `/jobs/{jobId}`).
 */
function mountPreflight<A extends CallerAuth, C>(app: Hono<AppEnv>, route: string, ops: AnyOperation[], server: OperationServer<A, C>): void {
  const { api } = server.binding;
  const staticPaths = new Set(api.operations.filter((op) => !op.http?.cors && !op.path.includes('{')).map((op) => `${api.basePath}${op.path}`));
  const methods = [...new Set([...ops.map((op) => op.method), 'OPTIONS'])].join(', ');
  app.options(route, (c) => {
    if (staticPaths.has(c.req.path)) return c.notFound();
    return c.body(null, 204, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': methods,
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': String(PREFLIGHT_MAX_AGE_SECONDS),
    });
  });
}

async function handle<A extends CallerAuth, C>(c: Context<AppEnv>, op: AnyOperation, server: OperationServer<A, C>): Promise<Response> {
  try {
    return await handleOperation(c, op, server);
  } catch (err) {
    // RFC 9110 §11.6.1: a 401 names the scheme it wants (a product may refine it: OpenTrain adds resource_metadata).
    if (err instanceof ApiError && err.status === 401) c.header('WWW-Authenticate', 'Bearer');
    throw err;
  }
}

async function handleOperation<A extends CallerAuth, C>(c: Context<AppEnv>, op: AnyOperation, server: OperationServer<A, C>): Promise<Response> {
  // Cross-origin reads of errors too (Hono keeps the header for the error response); caching only on success.
  if (op.http?.cors) c.header('Access-Control-Allow-Origin', '*');
  const ip = clientIp(c);
  const auth = op.auth === 'none' ? null : await server.binding.authenticate(bearerToken(c.req.header('Authorization')), { clientIp: ip });
  const queries = c.req.queries() ?? {};
  const fromQuery = coerceQuery(op, Object.fromEntries(Object.entries(queries).filter(([k]) => isQueryField(op, k))));
  const fromBody = usesQuery(op.method) ? {} : await readJsonBody(c);
  const input = { ...fromBody, ...fromQuery, ...c.req.param() };
  let status = op.successStatus ?? 200;
  const headers: Record<string, string> = {};
  const scope: RequestScope<A> = {
    auth,
    requestId: c.get('requestId'),
    surface: 'rest',
    clientIp: ip,
    setHeader: (name, value) => {
      headers[name] = value;
    },
    setStatus: (s) => {
      status = s;
    },
  };
  const output = await server.invoke(op.name, input, scope);
  const cacheControl = op.otherResponses?.[status]?.cacheControl ?? op.http?.cacheControl;
  if (cacheControl) c.header('Cache-Control', cacheControl);
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json(output as object, status as 200);
}
