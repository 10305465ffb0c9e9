/** @module Plain JSON-over-HTTP calls for the fault scripts (no client library: what any caller sends). */

export interface JsonResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the scripts read arbitrary JSON bodies field by field.
  body: any;
}

export async function call(method: string, url: string, options: { token?: string; body?: unknown; timeoutMs?: number } = {}): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 60_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body };
}

/** The call, which must answer `status`; otherwise an error naming the call and the answer. */
export async function expectStatus(status: number, method: string, url: string, options: { token?: string; body?: unknown } = {}) {
  const res = await call(method, url, options);
  if (res.status !== status) throw new Error(`${method} ${url}: expected ${status}, got ${res.status} ${JSON.stringify(res.body).slice(0, 500)}`);
  return res.body;
}

/** A request that the process dies under: resolves once the connection fails (or, rarely, the answer came first). */
export async function callExpectingDeath(method: string, url: string, options: { token?: string; body?: unknown } = {}): Promise<JsonResponse | 'connection lost'> {
  try {
    return await call(method, url, options);
  } catch {
    return 'connection lost';
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await sleep(intervalMs);
  }
}
