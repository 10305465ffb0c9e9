/**
 * @module Typed HTTP client derived from the operation contracts (used by the stdio MCP server,
 * the CLI and tests). Errors come back as ApiClientError carrying the product's envelope fields.
 * Retries: reads on 502/503/504 and transient network errors; writes only when the request
 * never reached the server (connection refused, DNS failure).
 */
import type { z } from 'zod';
import { type ErrorPayload, resolveError, validationError } from '../errors/api-error';
import type { ApiDefinition } from '../operations/api';
import { type AnyOperation, fillPath, isQueryField, pathParams } from '../operations/define';

export class ApiClientError extends Error implements ErrorPayload {
  readonly status: number;
  readonly code: string;
  readonly details?: Record<string, unknown>;
  readonly requestId?: string;
  /** The raw response body, when there was one. */
  readonly body?: unknown;
  constructor(payload: ErrorPayload & { requestId?: string; body?: unknown }) {
    super(payload.message);
    this.name = 'ApiClientError';
    this.status = payload.status;
    this.code = payload.code;
    this.details = payload.details;
    this.requestId = payload.requestId;
    this.body = payload.body;
  }
}

/** Status 0: the request never produced an HTTP response. */
export class NetworkError extends ApiClientError {}

export interface ClientOptions {
  baseUrl: string;
  token?: string | null;
  fetch?: typeof fetch;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** Attempts for retryable failures (1 = no retry); default 3. */
  attempts?: number;
  /** Backoff before retry n (1-based); default 500 ms then 1 s. */
  backoffMs?: (attempt: number) => number;
  userAgent?: string;
  /** Sent with every request (e.g. an operator secret); the token, when given, still sets Authorization. */
  headers?: Record<string, string>;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export interface HttpClient {
  call<O extends AnyOperation>(op: O, input: z.input<O['input']>): Promise<z.output<O['output']>>;
  /** A raw request relative to the base URL (endpoints that are not operations). */
  request(method: string, path: string, init?: { json?: unknown; form?: Record<string, string>; headers?: Record<string, string> }): Promise<{ status: number; body: unknown }>;
}

export function createHttpClient(api: ApiDefinition, options: ClientOptions): HttpClient {
  const doFetch = options.fetch ?? fetch;
  const attempts = Math.max(1, options.attempts ?? 3);
  const backoff = options.backoffMs ?? ((n: number) => (n === 1 ? 500 : 1000));
  const base = options.baseUrl.replace(/\/+$/, '');

  async function send(method: string, url: string, body: string | undefined, headers: Record<string, string>, idempotent: boolean) {
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const res = await doFetch(url, { method, body, headers, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000), redirect: 'manual' });
        if (idempotent && RETRYABLE_STATUS.has(res.status) && attempt < attempts) {
          await res.body?.cancel();
          await sleep(backoff(attempt));
          continue;
        }
        const text = await res.text();
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          // Non-JSON bodies (a proxy's HTML error page) are passed on as text.
        }
        return { status: res.status, body: parsed, requestId: res.headers.get('x-request-id') ?? undefined };
      } catch (err) {
        lastError = err;
        const code = networkCode(err);
        const retryable = idempotent || (code !== undefined && NEVER_SENT.has(code));
        if (!retryable || attempt === attempts) break;
        await sleep(backoff(attempt));
      }
    }
    const code = networkCode(lastError);
    throw new NetworkError({
      status: 0,
      code: code ?? 'NETWORK_ERROR',
      message: `Could not reach ${base}: ${code === 'TIMEOUT' ? `no response within ${(options.timeoutMs ?? 30_000) / 1000} s` : (lastError as Error)?.message ?? 'network error'}`,
      details: { baseUrl: base },
    });
  }

  function headersFor(extra?: Record<string, string>): Record<string, string> {
    const h: Record<string, string> = { Accept: 'application/json', ...options.headers, ...extra };
    if (options.token) h.Authorization = `Bearer ${options.token}`;
    if (options.userAgent) h['User-Agent'] = options.userAgent;
    return h;
  }

  return {
    async call(op, input) {
      const parsed = op.input.safeParse(input ?? {});
      if (!parsed.success) {
        // Same envelope fields as the server would send, without the round trip.
        const resolved = resolveError(validationError(parsed.error), api.errorModel);
        throw new ApiClientError(resolved);
      }
      const values = parsed.data as Record<string, unknown>;
      const params = pathParams(op.path);
      const rest = Object.fromEntries(Object.entries(values).filter(([k, v]) => !params.includes(k) && v !== undefined));
      let url = `${base}${api.basePath}${fillPath(op.path, values)}`;
      let body: string | undefined;
      const extra: Record<string, string> = {};
      const queryEntries = Object.entries(rest).filter(([k]) => isQueryField(op, k));
      const bodyEntries = Object.entries(rest).filter(([k]) => !isQueryField(op, k));
      const qs = new URLSearchParams();
      for (const [k, v] of queryEntries) {
        if (Array.isArray(v)) for (const item of v) qs.append(k, String(item));
        else qs.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
      }
      const q = qs.toString();
      if (q) url += `?${q}`;
      if (op.method !== 'GET' && op.method !== 'DELETE') {
        body = JSON.stringify(Object.fromEntries(bodyEntries));
        extra['Content-Type'] = 'application/json';
      }
      const res = await send(op.method, url, body, headersFor(extra), op.method === 'GET' || op.annotations.readOnlyHint);
      if (res.status >= 200 && res.status < 300) return res.body as never;
      throw new ApiClientError({ ...api.errorModel.parse(res.status, res.body), requestId: res.requestId, body: res.body });
    },
    async request(method, path, init = {}) {
      const extra: Record<string, string> = { ...init.headers };
      let body: string | undefined;
      if (init.json !== undefined) {
        body = JSON.stringify(init.json);
        extra['Content-Type'] = 'application/json';
      } else if (init.form) {
        body = new URLSearchParams(init.form).toString();
        extra['Content-Type'] = 'application/x-www-form-urlencoded';
      }
      const res = await send(method, `${base}${path}`, body, headersFor(extra), method === 'GET');
      return { status: res.status, body: res.body };
    },
  };
}

function networkCode(err: unknown): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { name?: string; code?: string; cause?: { code?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return 'TIMEOUT';
  return e.cause?.code ?? e.code;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
