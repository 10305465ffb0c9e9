/**
 * @module Operations are defined once. A contract (name, method + path, zod input/output, scopes,
 * gates, MCP annotations, a one-line description for a model, a summariser) lives in a product's
 * `*-api` package so MCP and CLI import it without server code; the server `implement`s it.
 * REST routes, OpenAPI, the HTTP client, MCP tools and CLI commands are all derived from it.
 */
import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** All four are required: clients treat a missing hint as its (unsafe) default. */
export interface OperationAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: the shape of any z.object is acceptable here.
export type InputSchema = z.ZodObject<any>;
// biome-ignore lint/suspicious/noExplicitAny: see InputSchema.
export type OutputSchema = z.ZodObject<any>;

/** `required`: a valid token is needed; `optional`: used when present; `none`: ignored. */
export type AuthMode = 'required' | 'optional' | 'none';

/** `A` keeps the contract's literal auth mode, so `implementer` can hand handlers a non-null `ctx.auth`. */
export interface OperationContract<I extends InputSchema = InputSchema, O extends OutputSchema = OutputSchema, A extends AuthMode = AuthMode> {
  /** Tool name on MCP (snake_case, product-prefixed) and the operationId in OpenAPI. */
  name: string;
  method: HttpMethod;
  /** Relative to the product's API base path; `{param}` segments come from the input. */
  path: string;
  title?: string;
  /** One line, written for a model: what it does and when to use it. */
  description: string;
  input: I;
  /**
   * The input MCP clients are shown, when it is narrower than `input` (e.g. a PATCH whose REST body
   * is the fields themselves, while MCP sends `{id, fields}`). Every value it admits must also pass
   * `input`, which still validates every call. Keeps `tools/list` small.
   */
  mcpInput?: InputSchema;
  output: O;
  auth: A;
  /** Every scope listed is required. Empty when any valid token will do. */
  scopes: string[];
  /**
   * Input fields that travel in the query string even on POST/PATCH/DELETE (TrainAR addresses one
   * resource as `PATCH /api-tenant-tasks?task_id=…`).
   */
  queryParams?: string[];
  /**
   * Several operations may share one method + path and be told apart by a query parameter: this
   * operation serves requests that carry it (`GET /api-tenant-tasks?task_id=…` is "get one",
   * `GET /api-tenant-tasks` is "list").
   */
  selectWhen?: string;
  /** Product-defined gates (claimed account, feature flags) checked after scopes. */
  gates?: string[];
  annotations: OperationAnnotations;
  /** HTTP status on success (201 for creations, 202 for pending approvals). */
  successStatus?: number;
  /** CLI command words, e.g. ['jobs', 'draft', 'create']. Derived from the name when omitted. */
  cli?: string[];
  /** Surfaces that do not expose this operation (e.g. token minting is REST-only). */
  exclude?: Array<'mcp' | 'cli'>;
  /** The toolset the operation belongs to (MCP `--toolsets` selection, OpenAPI tag). */
  toolset?: string;
  /**
   * Response headers the REST mounting sets on every answer of this operation, errors included:
   * `cors` lets any origin read it (and answers its preflight), `cacheControl` is the Cache-Control.
   */
  http?: { cors?: boolean; cacheControl?: string };
  /**
   * Documented bodies for other statuses than success, which are not the error envelope (OpenTrain's
   * unlisted job: 404 `{id, status:"closed"}`). The handler picks one with `setStatus`; the body is
   * checked against its schema like any output, OpenAPI lists it and `cacheControl` overrides the
   * operation's.
   */
  otherResponses?: Record<number, { description: string; schema: OutputSchema; cacheControl?: string }>;
  /** A short text for humans and models: status, key fields, the suggested next step. */
  summarize(output: z.output<O>, input: z.output<I>): string;
}

// biome-ignore lint/suspicious/noExplicitAny: a list mixes operations of every shape.
export type AnyOperation = OperationContract<any, any>;

export function defineOperation<I extends InputSchema, O extends OutputSchema, A extends AuthMode = AuthMode>(
  contract: OperationContract<I, O, A>,
): OperationContract<I, O, A> {
  for (const param of pathParams(contract.path)) {
    if (!(param in contract.input.shape)) {
      throw new Error(`Operation ${contract.name}: path parameter {${param}} is missing from the input schema`);
    }
  }
  return contract;
}

/** Names of `{param}` segments in a path template. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]);
}

/** Fills a path template from the input; values are URI-encoded. */
export function fillPath(path: string, input: Record<string, unknown>): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => encodeURIComponent(String(input[name] ?? '')));
}

/** Query-string fields for GET/DELETE; body fields otherwise. Path parameters are never repeated. */
export function usesQuery(method: HttpMethod): boolean {
  return method === 'GET' || method === 'DELETE';
}

/** True when this input field travels in the query string for this operation. */
export function isQueryField(op: AnyOperation, field: string): boolean {
  return usesQuery(op.method) || (op.queryParams?.includes(field) ?? false) || op.selectWhen === field;
}

/** The CLI words for an operation: explicit, or the name minus its product prefix split on `_`. */
export function cliWords(op: AnyOperation, prefix: string): string[] {
  if (op.cli) return op.cli;
  const bare = op.name.startsWith(`${prefix}_`) ? op.name.slice(prefix.length + 1) : op.name;
  return bare.split('_');
}

export { z };
