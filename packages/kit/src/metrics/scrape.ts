/** @module Test helpers: scrape an app's `/metrics` as a client would, and read samples from the text. */

/** `GET <baseUrl>/metrics`; the body is read whatever the status. */
export async function scrapeMetrics(baseUrl: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; contentType: string | null }> {
  const res = await fetch(`${baseUrl}/metrics`, { headers });
  return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') };
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/**
 * The sum of every sample of `name` whose labels include `labels` (so a histogram's `_count` over
 * every status class, or one class when given); undefined when no sample matches.
 */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  let total: number | undefined;
  for (const line of text.split('\n')) {
    const match = SAMPLE.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map([...(match[2] ?? '').matchAll(LABEL)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found.get(k) === v)) total = (total ?? 0) + Number(match[3]);
  }
  return total;
}
