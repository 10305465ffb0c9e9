/**
 * @module A per-key rate limit across instances: `limit + extra` requests with one fresh key through
 * the proxy (round robin, so the instances share the window through the database). The window must
 * admit the limit (no early refusals) and at most the documented slack beyond it (docs/architecture.md,
 * "Rate limits": about one early-flush step per instance, its own and the others').
 */
import { flushAfterHits } from '@platform/kit';
import { check, inParallel } from './support';

export async function rateLimitAcrossInstances(base: string, key: string, limit: number, instances: number): Promise<Record<string, unknown>> {
  // A burst must fit in one fixed one-minute window.
  const intoWindow = Date.now() % 60_000;
  if (intoWindow > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 200));
  const requests = limit + Math.max(20, Math.ceil(limit / 2));
  const statuses = await inParallel(Array.from({ length: requests }, (_, i) => i), 6, async () => {
    const res = await fetch(`${base}/v1/api-tenant-users?limit=1`, { headers: { Authorization: `Bearer ${key}` } });
    await res.arrayBuffer();
    return res.status;
  });
  const admitted = statuses.filter((s) => s === 200).length;
  const refused = statuses.filter((s) => s === 429).length;
  check(admitted + refused === requests, 'every answer is 200 or 429', statuses.filter((s) => s !== 200 && s !== 429));
  // Each instance may admit about one early-flush step on a stale view of the others (docs/architecture.md, "Rate limits").
  const slack = (2 * instances - 1) * flushAfterHits(limit);
  check(admitted >= limit && admitted <= limit + slack, `admitted between the limit (${limit}) and the documented bound (${limit + slack})`, admitted);
  return { limit, requests, admitted, refused };
}

/**
 * Per-IP limits behind the proxy (TRUSTED_PROXIES): OpenTrain's anonymous registration (10 per hour
 * per IP) from one caller until refused, counted exactly across the instances; then another caller
 * behind the same proxy still registers. Here every client is on loopback, which is also the proxy,
 * so the caller is the address written in `X-Forwarded-For` (nginx appends the peer after it).
 */
export async function perIpLimitBehindProxy(base: string): Promise<Record<string, unknown>> {
  const register = (ip: string) =>
    fetch(`${base}/api/agent/identity`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip }, body: JSON.stringify({ agent_name: 'Per-IP probe' }) }).then(async (r) => {
      await r.arrayBuffer();
      return r.status;
    });
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) statuses.push(await register('198.51.100.7'));
  const admitted = statuses.filter((s) => s === 200).length;
  check(admitted === 10 && statuses.slice(10).every((s) => s === 429), 'one caller gets exactly 10 registrations across both instances', statuses);
  const other = await register('198.51.100.8');
  check(other === 200, 'another caller behind the same proxy is not refused', other);
  return { admittedFromOneCaller: admitted, otherCaller: other };
}
