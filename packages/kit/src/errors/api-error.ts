/**
 * @module One error model for every surface. Services throw ApiError; REST renders it with the
 * product's envelope, MCP returns it as an `isError` result, the CLI prints it and picks an exit code.
 */
import type { z } from 'zod';

/** What went wrong, independent of any product's wording. Each product maps a kind to its own code. */
export type ErrorKind = 'validation' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'payload_too_large' | 'rate_limited' | 'unavailable' | 'internal';

export const statusOfKind: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export interface ApiErrorInit {
  kind: ErrorKind;
  message: string;
  /** Overrides the product's default code for this kind (e.g. TrainAR's INSUFFICIENT_PERMISSIONS). */
  code?: string;
  /** Overrides the status of the kind (rare: e.g. 202-style flows never use this). */
  status?: number;
  details?: Record<string, unknown>;
  /** Extra response headers (Retry-After, WWW-Authenticate). */
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly status: number;
  readonly code?: string;
  readonly details?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status ?? statusOfKind[init.kind];
    this.code = init.code;
    this.details = init.details;
    this.headers = init.headers;
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>, code?: string) => new ApiError({ kind: 'validation', message, details, code });
export const unauthorized = (message = 'Missing or invalid bearer token.', details?: Record<string, unknown>) => new ApiError({ kind: 'unauthorized', message, details });
export const forbidden = (message: string, details?: Record<string, unknown>, code?: string) => new ApiError({ kind: 'forbidden', message, details, code });
export const notFound = (message: string, details?: Record<string, unknown>) => new ApiError({ kind: 'not_found', message, details });
export const conflict = (message: string, details?: Record<string, unknown>, code?: string) => new ApiError({ kind: 'conflict', message, details, code });
export const rateLimited = (retryAfterSeconds: number, message?: string, details?: Record<string, unknown>) =>
  new ApiError({
    kind: 'rate_limited',
    message: message ?? `Too many requests. Retry after ${retryAfterSeconds} s.`,
    details: { retryAfterSeconds, ...details },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });

/** A resolved error, as every surface shows it. */
export interface ErrorPayload {
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * A product's error model: its code for each kind, how its envelope looks on the wire, and how a
 * client reads an envelope back.
 */
export interface ErrorModel {
  codes: Record<ErrorKind, string>;
  envelope(error: ErrorPayload, requestId: string): Record<string, unknown>;
  parse(status: number, body: unknown): ErrorPayload;
}

/** PostgreSQL SQLSTATEs of a server shutting down or starting (class 57P) and of lost connections (class 08). */
const DATABASE_UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);
/** node-postgres' messages for a connection that dropped under a query, or a client used after that. */
const DROPPED_CONNECTION = /^(Connection terminated( unexpectedly)?|Client has encountered a connection error and is not queryable)$/;

/**
 * True for the errors of a database that is restarting or out of reach (a refused or dropped
 * connection, an admin shutdown): the request may succeed if retried, so it is a 503, not a 500.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  let current = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    if (typeof current.code === 'string' && (DATABASE_UNAVAILABLE_STATES.has(current.code) || CONNECTION_ERRNOS.has(current.code))) return true;
    if (typeof current.message === 'string' && DROPPED_CONNECTION.test(current.message)) return true;
    current = current.cause as typeof current;
  }
  return false;
}

export function resolveError(err: unknown, model: ErrorModel): ErrorPayload & { headers?: Record<string, string> } {
  if (err instanceof ApiError) {
    return { status: err.status, code: err.code ?? model.codes[err.kind], message: err.message, details: err.details, headers: err.headers };
  }
  if (isDatabaseUnavailable(err)) {
    return { status: 503, code: model.codes.unavailable, message: 'The database is not reachable right now (restarting?). Retry in a moment.', headers: { 'Retry-After': '1' } };
  }
  return { status: 500, code: model.codes.internal, message: 'Internal server error. The request id identifies it in the server log.' };
}

/** Zod issues become a 400 naming each offending field path. */
export function validationError(error: z.ZodError, where: 'body' | 'query' | 'path' | 'input' = 'input'): ApiError {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(root)', message: i.message, code: i.code }));
  const first = issues[0];
  const message = issues.length === 1 ? `Invalid ${where}: ${first.path}: ${first.message}` : `Invalid ${where}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`;
  return badRequest(message, { field: first?.path, issues });
}
