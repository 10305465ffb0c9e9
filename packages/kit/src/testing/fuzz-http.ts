/**
 * @module Sends fuzzed operation inputs over real HTTP the way a client would (path, query, JSON
 * body), plus transport-level abuse every operation gets once (malformed JSON, wrong content types,
 * non-object bodies, an oversize body, deeply nested JSON), and judges each answer: never a 5xx,
 * and every rejection in the product's error envelope.
 */
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import type { ApiDefinition } from '../operations/api';
import { type AnyOperation, isQueryField, pathParams } from '../operations/define';
import { type JsonSchema, operationSchemas, primitiveType } from '../operations/json-schema';
import { fuzzInputArbitrary, validInputArbitrary } from './fuzz';

export interface FuzzRequest {
  operation: string;
  method: string;
  /** Path under the app's origin, query string included. */
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** What this request tries (for failure messages). */
  label: string;
  /** Documented non-envelope bodies of the operation (OpenTrain's unlisted job: 404 `{id, status}`). */
  otherResponses?: AnyOperation['otherResponses'];
}

export interface FuzzResponse {
  status: number;
  body: unknown;
  text: string;
}

/**
 * A path segment, percent-encoded; a lone surrogate (which `encodeURIComponent` refuses) is sent as
 * its three-byte encoding, i.e. invalid UTF-8 in the URL: one more probe of the server's decoding.
 */
export function encodeSegment(value: unknown): string {
  const text = String(value ?? '');
  try {
    return encodeURIComponent(text);
  } catch {
    let out = '';
    for (const char of text) {
      const unit = char.charCodeAt(0);
      out += char.length === 1 && unit >= 0xd800 && unit <= 0xdfff ? [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('') : encodeURIComponent(char);
    }
    return out;
  }
}

/** Encodes one input as a client would: path parameters, query fields, the rest as a JSON body. */
export function requestFor(api: ApiDefinition, op: AnyOperation, input: Record<string, unknown>, token: string | null, label = 'schema'): FuzzRequest {
  const params = new Set(pathParams(op.path));
  const query = new URLSearchParams();
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (params.has(field) || value === undefined) continue;
    if (isQueryField(op, field)) {
      for (const item of Array.isArray(value) ? value : [value]) query.append(field, typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item));
    } else body[field] = value;
  }
  const search = query.toString();
  const hasBody = op.method !== 'GET' && (op.method !== 'DELETE' || Object.keys(body).length > 0);
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  if (hasBody) headers['Content-Type'] = 'application/json';
  return {
    operation: op.name,
    method: op.method,
    url: `${api.basePath}${op.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => encodeSegment(input[name]))}${search ? `?${search}` : ''}`,
    headers,
    body: hasBody ? JSON.stringify(body) : undefined,
    label,
    otherResponses: op.otherResponses,
  };
}

/** Deeper than a recursive walker's stack (JSON.stringify overflows at about 10k levels here). */
const DEEP_NESTING = 50_000;
const DEEP_MARK = '\u0001deep\u0001';

/** JSON text nested `depth` levels (built as text: the value itself could not be stringified). */
export function deeplyNestedJson(depth: number): string {
  const half = Math.floor(depth / 2);
  return `${'[{"n":'.repeat(half)}"bottom"${'}]'.repeat(half)}`;
}

/** Fields whose schema admits objects, arrays or anything: where deep nesting reaches the handler. */
function structuredFields(op: AnyOperation): string[] {
  const props = (operationSchemas(op).input.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(props)
    .filter(([name]) => !isQueryField(op, name) && !pathParams(op.path).includes(name))
    .filter(([, prop]) => {
      const type = primitiveType(prop);
      return type === undefined || type === 'object' || type === 'array';
    })
    .map(([name]) => name);
}

/**
 * The transport abuse every operation gets once, around one valid-looking input: malformed JSON,
 * JSON that is not an object, wrong content types, a body one byte over `maxBodyBytes`, and a
 * deeply nested value in each structured field (deep enough to overflow a recursive walker).
 * Operations with a body only (every method but GET).
 */
export function transportAbuse(api: ApiDefinition, op: AnyOperation, token: string | null, options: { maxBodyBytes: number | ((op: AnyOperation) => number); seed: number }): FuzzRequest[] {
  if (op.method === 'GET') return []; // fetch cannot send a GET body, and the app never reads one
  const [sample] = fc.sample(validInputArbitrary(op), { numRuns: 1, seed: options.seed });
  const base = requestFor(api, op, sample, token, 'transport');
  const withBody = (label: string, body: string | Buffer, contentType = 'application/json'): FuzzRequest => ({
    ...base,
    label,
    headers: { ...base.headers, 'Content-Type': contentType },
    body,
  });
  const requests: FuzzRequest[] = [
    withBody('malformed JSON', '{"unterminated": '),
    withBody('JSON array body', '[1,2,3]'),
    withBody('JSON string body', '"just a string"'),
    withBody('JSON null body', 'null'),
    withBody('form body', 'a=1&b=%00', 'application/x-www-form-urlencoded'),
    withBody('valid JSON as text/plain', base.body ?? '{}', 'text/plain'),
    withBody('multipart body', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n', 'multipart/form-data; boundary=x'),
    withBody('invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x22, 0x7d])),
    withBody('oversize body', `{"pad":"${'x'.repeat(typeof options.maxBodyBytes === 'number' ? options.maxBodyBytes : options.maxBodyBytes(op))}"}`),
    withBody('deep JSON text', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
  ];
  for (const field of structuredFields(op)) {
    const marked = JSON.stringify({ ...JSON.parse(String(base.body ?? '{}')), [field]: DEEP_MARK });
    requests.push(withBody(`deeply nested ${field}`, marked.replace(JSON.stringify(DEEP_MARK), deeplyNestedJson(DEEP_NESTING))));
  }
  return requests;
}

/** `runs` fuzzed inputs of one operation (fixed seed), as requests. */
export function fuzzRequests(api: ApiDefinition, op: AnyOperation, token: string | null, options: { runs: number; seed: number }): FuzzRequest[] {
  return fc.sample(fuzzInputArbitrary(op), { numRuns: options.runs, seed: options.seed }).map((input) => requestFor(api, op, input, token));
}

/** Bodies above this go through node:http, which reads an early answer while still sending. */
const LARGE_BODY_BYTES = 64 * 1024;

export async function sendFuzzRequest(baseUrl: string, request: FuzzRequest): Promise<FuzzResponse> {
  const large = request.body !== undefined && Buffer.byteLength(request.body) > LARGE_BODY_BYTES;
  const { status, text } = large ? await sendLarge(baseUrl, request) : await sendWithFetch(baseUrl, request);
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: judged as text (and so not the envelope)
  }
  return { status, body, text };
}

async function sendWithFetch(baseUrl: string, request: FuzzRequest): Promise<{ status: number; text: string }> {
  const res = await fetch(`${baseUrl}${request.url}`, { method: request.method, headers: request.headers, body: request.body as BodyInit | undefined, redirect: 'manual' });
  return { status: res.status, text: await res.text() };
}

/**
 * An oversize body: the server may answer 413 and close the connection before the upload ends
 * (@hono/node-server drains an unread body for 500 ms only), as servers do; a client that reads
 * the answer while sending (browsers, curl, node:http) sees the 413, which is what this checks.
 */
function sendLarge(baseUrl: string, request: FuzzRequest): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const body = Buffer.from(request.body as string | Buffer);
    const req = httpRequest(`${baseUrl}${request.url}`, { method: request.method, headers: { ...request.headers, 'Content-Length': String(body.length), Connection: 'close' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    // A write error after the answer arrived is the server closing early: the answer stands.
    req.on('error', (error) => reject(error));
    req.end(body);
  });
}

/**
 * A predicate for a product's error envelope, read from its documented JSON Schema: an object with
 * every required key, string keys as strings and enum keys within their enum.
 */
export function envelopeMatcher(errorSchema: JsonSchema): (body: unknown) => boolean {
  const properties = (errorSchema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (errorSchema.required ?? []) as string[];
  return (body) => {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
    const record = body as Record<string, unknown>;
    if (!required.every((key) => key in record)) return false;
    return Object.entries(properties).every(([key, prop]) => {
      if (!(key in record)) return true;
      const value = record[key];
      if (prop.type === 'string' && typeof value !== 'string') return false;
      if (prop.type === 'object' && (typeof value !== 'object' || value === null || Array.isArray(value))) return false;
      return !Array.isArray(prop.enum) || (prop.enum as unknown[]).includes(value);
    });
  };
}

/** Why an answer is wrong (a 5xx, a rejection outside the envelope), or null when it is fine. */
export function judgeFuzzResponse(request: FuzzRequest, response: FuzzResponse, isEnvelope: (body: unknown) => boolean): string | null {
  const where = `${request.operation} [${request.label}] ${request.method} ${request.url.slice(0, 160)}`;
  const excerpt = () => `${response.text.slice(0, 240)}${request.body ? ` ← body ${String(request.body).slice(0, 160)}` : ''}`;
  if (response.status >= 500) return `${where}: ${response.status} ${excerpt()}`;
  const documented = request.otherResponses?.[response.status]?.schema.safeParse(response.body).success ?? false;
  if (response.status >= 400 && !documented && !isEnvelope(response.body)) return `${where}: ${response.status} outside the error envelope: ${excerpt()}`;
  return null;
}

export interface FuzzSummary {
  failures: string[];
  /** Requests sent per status, e.g. `{200: 310, 400: 1200, 404: 500}`. */
  statuses: Record<number, number>;
  sent: number;
}

/** Sends every request in order and collects what is wrong; stops collecting detail after 50 failures. */
export async function runFuzzRequests(baseUrl: string, requests: Iterable<FuzzRequest>, isEnvelope: (body: unknown) => boolean): Promise<FuzzSummary> {
  const summary: FuzzSummary = { failures: [], statuses: {}, sent: 0 };
  for (const request of requests) {
    const response = await sendFuzzRequest(baseUrl, request);
    summary.sent++;
    summary.statuses[response.status] = (summary.statuses[response.status] ?? 0) + 1;
    const failure = judgeFuzzResponse(request, response, isEnvelope);
    if (failure && summary.failures.length < 50) summary.failures.push(failure);
  }
  return summary;
}
