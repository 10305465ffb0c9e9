/** @module Small helpers the multi-instance checks share: JSON over HTTP, polling, a fresh database handle. */
import { type Database, openDatabase } from '@platform/kit';

// biome-ignore lint/suspicious/noExplicitAny: bodies are checked field by field.
export interface JsonResponse<T = any> {
  status: number;
  body: T;
}

export async function json(url: string, init: { method?: string; token?: string; body?: unknown; form?: Record<string, string> } = {}): Promise<JsonResponse> {
  const headers: Record<string, string> = {};
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  let body: string | undefined;
  if (init.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(init.form).toString();
  } else if (init.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.body);
  }
  const res = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}

/** Throws `message` (with the value seen) unless `condition` holds. */
export function check(condition: unknown, message: string, seen?: unknown): asserts condition {
  if (!condition) throw new Error(seen === undefined ? message : `${message} (seen: ${typeof seen === 'string' ? seen : JSON.stringify(seen)})`);
}

export async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A product schema of the cluster's database, for what a human reads outside HTTP (sandbox mail). */
export function productDatabase(url: string, schema: 'opentrain' | 'trainar'): Promise<Database> {
  return openDatabase({ url, schema, poolSize: 2 });
}

let counter = 0;
export const uniqueEmail = (label: string) => `${label}.${Date.now().toString(36)}.${++counter}@example.test`;

/** Runs `task` over `items` with at most `concurrency` at once. */
export async function inParallel<T, R>(items: T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index], index);
      }
    }),
  );
  return results;
}
