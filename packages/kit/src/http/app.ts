/**
 * @module The HTTP shell every app shares: request id, access log, body limit, the product's error
 * envelope for every failure (including unknown routes and malformed JSON), /healthz, /readyz and /metrics.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { Logger } from 'pino';
import { ApiError, type ErrorModel, resolveError } from '../errors/api-error';
import { type MetricsEndpointOptions, mountMetricsEndpoint } from '../metrics/endpoint';
import { CsrfError } from '../web/csrf';
import { pageSecurityHeaders } from '../web/security-headers';
import { resolveClientAddress, trustedProxiesFromEnv } from './client-address';
import type { AppEnv } from './env';
import { refuseControlCharacters } from './refuse-control-characters';

export interface AppOptions {
  errorModel: ErrorModel;
  logger: Logger;
  /** Paths under this prefix get the error envelope for unknown routes; others a plain 404. */
  apiPrefixes: string[];
  /** Readiness: database reachable and migrations applied. */
  ready(): Promise<boolean>;
  maxBodyBytes?: number;
  /** Serves `GET /metrics` from this app's metrics (access rule: metrics/endpoint.ts); omitted = no route. */
  metrics?: MetricsEndpointOptions;
  /** Reverse proxies whose `X-Forwarded-For` names the caller; default `TRUSTED_PROXIES` (client-address.ts). */
  trustedProxies?: readonly string[];
  /**
   * Routes that take file uploads, with their own larger limit: a path listed exactly, or every
   * path under one that ends in `/`. Every other route keeps `maxBodyBytes`.
   */
  largeBodies?: { maxBytes: number; paths: readonly string[] };
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function limitBody(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError({ kind: 'payload_too_large', message: `Request body is larger than ${maxSize} bytes.` });
    },
  });
}

export type { AppEnv } from './env';

const errorModels = new WeakMap<object, ErrorModel>();

/** The error model an app was created with: the HTTP server answers unparseable requests with it. */
export function errorModelOf(app: object): ErrorModel | undefined {
  return errorModels.get(app);
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

export function createApp(options: AppOptions): Hono<AppEnv> {
  const { errorModel, logger } = options;
  const app = new Hono<AppEnv>();
  errorModels.set(app, errorModel);
  app.use(
    requestId({
      headerName: 'X-Request-Id',
      generator: (c) => {
        const incoming = c.req.header('X-Request-Id');
        return incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
      },
    }),
  );
  app.use(resolveClientAddress(options.trustedProxies ?? trustedProxiesFromEnv()));
  app.use(async function accessLog(c, next) {
    const started = performance.now();
    await next();
    // Only method, path, status and timing: never headers, query strings or bodies (they carry secrets).
    logger.info({ requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });
  const smallBodies = limitBody(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  const large = options.largeBodies;
  const largeBodies = large ? limitBody(large.maxBytes) : smallBodies;
  const takesLargeBody = (path: string) => large?.paths.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p)) ?? false;
  app.use((c, next) => (takesLargeBody(c.req.path) ? largeBodies(c, next) : smallBodies(c, next)));
  app.use(pageSecurityHeaders());
  app.use(refuseControlCharacters(options.apiPrefixes));
  if (options.metrics) mountMetricsEndpoint(app, options.metrics);
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => ((await options.ready()) ? c.json({ status: 'ready' }) : c.json({ status: 'not_ready' }, 503)));

  app.onError((err, c) => {
    // A human form with a stale or foreign CSRF token: a readable 403 page, not a 500 envelope.
    if (err instanceof CsrfError) return c.text(err.message, 403);
    const requestIdValue = c.get('requestId') ?? crypto.randomUUID();
    const resolved = resolveError(err, errorModel);
    if (resolved.status >= 500) logger.error({ err, requestId: requestIdValue, path: c.req.path }, 'unhandled error');
    for (const [k, v] of Object.entries(resolved.headers ?? {})) c.header(k, v);
    return c.json(errorModel.envelope(resolved, requestIdValue), resolved.status as 400);
  });
  app.notFound((c) => {
    if (!options.apiPrefixes.some((p) => c.req.path.startsWith(p))) return c.text('Not found', 404);
    const resolved = resolveError(new ApiError({ kind: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.`, details: { method: c.req.method, path: c.req.path } }), errorModel);
    return c.json(errorModel.envelope(resolved, c.get('requestId')), 404);
  });
  return app;
}
