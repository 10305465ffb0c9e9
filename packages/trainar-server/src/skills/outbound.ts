/**
 * @module The one outbound call of a skill execution: the skill's endpoint is called with the
 * arguments and session context, the socket connects only to an address the kit's SSRF guard
 * accepted (guardedLookup, so DNS rebinding cannot swap it), redirects are not followed, and the
 * deadline covers DNS, connect and the whole answer. Kept in this single function so it can move
 * onto the kit's shared webhook sender later.
 */
import http from 'node:http';
import https from 'node:https';
import { guardedLookup, parseOutboundUrl, UnsafeUrlError, type UrlPolicy } from '@platform/kit';

export const SKILL_USER_AGENT = 'TrainAR-Skills/1.0';
/** Bytes of the answer kept; the rest is dropped and the text marked as cut. */
export const MAX_SKILL_RESPONSE_BYTES = 64 * 1024;

export interface SkillCall {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  /** POST: sent as the JSON body. GET: each field becomes a query parameter (non-strings as JSON). */
  payload: Record<string, unknown>;
  timeoutMs: number;
}

export interface SkillCallResult {
  statusCode: number | null;
  latencyMs: number;
  /** Parsed JSON when the answer is JSON, else its text; null when nothing arrived. */
  response: unknown;
  /** The answer's x-* headers (forwarded to the agent, spec 2.7). */
  responseHeaders: Record<string, string>;
  error: string | null;
  timedOut: boolean;
}

export function callSkillEndpoint(policy: UrlPolicy, call: SkillCall): Promise<SkillCallResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failed = (error: string, timedOut = false): SkillCallResult => ({ statusCode: null, latencyMs: elapsed(), response: null, responseHeaders: {}, error, timedOut });
  let url: URL;
  try {
    url = parseOutboundUrl(call.url, policy.allow);
  } catch (err) {
    return Promise.resolve(failed(`refused: ${(err as Error).message}`));
  }
  let body: string | undefined;
  if (call.method === 'GET') {
    for (const [k, v] of Object.entries(call.payload)) url.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  } else {
    body = JSON.stringify(call.payload);
  }
  const headers: Record<string, string> = { 'User-Agent': SKILL_USER_AGENT, Accept: 'application/json, text/plain;q=0.9, */*;q=0.1', ...call.headers };
  if (body !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });

  return new Promise<SkillCallResult>((resolve) => {
    let settled = false;
    const finish = (result: SkillCallResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const isHttps = url.protocol === 'https:';
    const req = (isHttps ? https : http).request(url, { method: call.method, agent: false, lookup: guardedLookup(policy), headers });
    const timer = setTimeout(() => {
      finish(failed(`timed out after ${call.timeoutMs} ms (the skill's timeout_ms)`, true));
      req.destroy();
    }, call.timeoutMs);
    req.on('error', (err) => finish(failed(describe(err))));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let cut = false;
      res.on('data', (chunk: Buffer) => {
        if (cut) return;
        const room = MAX_SKILL_RESPONSE_BYTES - size;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        size += Math.min(chunk.length, room);
        if (chunk.length >= room) {
          cut = true;
          res.destroy();
          done();
        }
      });
      res.on('end', () => done());
      res.on('error', (err) => !cut && finish(failed(describe(err))));
      const done = () => {
        const status = res.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        const ok = status >= 200 && status < 300;
        const redirect = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
        finish({
          statusCode: status,
          latencyMs: elapsed(),
          response: cut ? `${text}… [cut at 64 KB]` : parseBody(text, res.headers['content-type']),
          responseHeaders: forwardedHeaders(res.headers),
          error: ok ? null : `the endpoint answered HTTP ${status}${redirect}`,
          timedOut: false,
        });
      };
    });
    req.end(body);
  });
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return null;
  if (/json/i.test(contentType ?? '') || /^\s*[[{"]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // Not JSON after all: keep the text.
    }
  }
  return text;
}

function forwardedHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-') && value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function describe(err: Error): string {
  if (err instanceof UnsafeUrlError) return `refused: ${err.message}`;
  const code = (err as NodeJS.ErrnoException).code;
  const message = err.message.length > 300 ? `${err.message.slice(0, 300)}…` : err.message;
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
