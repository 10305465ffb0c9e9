/**
 * @module REST routes mounted from the operation registry (never a hand-kept list): each route
 * reads path, query or JSON body into one input object and runs the shared pipeline.
 */
import type { Context, Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { badRequest } from '../errors/api-error';
import { usesQuery } from '../operations/define';
import type { CallerAuth, RequestScope } from '../operations/implement';
import type { OperationServer } from '../operations/invoke';
import { coerceQuery } from '../operations/json-schema';
import type { AppEnv } from './app';

/** `Authorization: Bearer <token>` → token; anything else → null. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : header.trim() === '' ? null : header.trim();
}

export function clientIp(c: Context): string | undefined {
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

export function mountOperations<A extends CallerAuth, C>(app: Hono<AppEnv>, server: OperationServer<A, C>): void {
  const { api } = server.binding;
  for (const impl of server.binding.implementations) {
    const op = impl.contract;
    const route = `${api.basePath}${honoPath(op.path)}`;
    app.on(op.method, route, async (c) => {
      const ip = clientIp(c);
      const auth = op.auth === 'none' ? null : await server.binding.authenticate(bearerToken(c.req.header('Authorization')), { clientIp: ip });
      const fromRequest = usesQuery(op.method) ? coerceQuery(op, c.req.queries() ?? {}) : await readJsonBody(c);
      const input = { ...fromRequest, ...c.req.param() };
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
      for (const [k, v] of Object.entries(headers)) c.header(k, v);
      return c.json(output as object, status as 200);
    });
  }
}
