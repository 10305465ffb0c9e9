/**
 * Soak (`npm run soak`): steady mixed traffic through nginx to 2 instances on one PostgreSQL for
 * BENCH_SOAK_SECONDS (default 1800 = 30 minutes; CI runs 60), then two checks:
 * - flat memory: every instance prints its heap after a full collection and its RSS at regular
 *   intervals (bench/load-instance.ts); after the warm-up (the first quarter) a least-squares slope
 *   of each series, times the measured span, must stay under max(8 MB, 10 % of its mean) for the
 *   heap and max(24 MB, 15 %) for RSS;
 * - no error growth: the run is cut into slices; failed requests (non-2xx, socket errors,
 *   timeouts) in the last third of the slices may not exceed those in the first third, and no
 *   instance may exit.
 * Traffic (autocannon, fixed rate BENCH_SOAK_RATE requests/s per product, default 40): OpenTrain
 * marketplace search and `auth/me`; TrainAR user list, invitations (writes that send mail),
 * task creation (writes that emit outbox events) and hosted MCP `tools/call`.
 * `BENCH_SOAK_INSTANCES` (default 2). Prints one `soak:` line; exits 1 when a check fails.
 * Last results: docs/operations.md, "Soak".
 */
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { seededCluster } from './load-cluster';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 1800);
const RATE = Number(process.env.BENCH_SOAK_RATE ?? 40);
const INSTANCES = Number(process.env.BENCH_SOAK_INSTANCES ?? 2);
const SLICES = Math.max(3, Math.min(30, Math.floor(SECONDS / 10)));
const SAMPLE_MS = Math.max(1000, Math.floor((SECONDS * 1000) / 60));

interface Sample {
  at: number;
  rssMb: number;
  heapUsedMb: number;
}

/** Least-squares slope (MB per ms) and mean of a series. */
export function slope(points: Array<{ x: number; y: number }>): { perMs: number; mean: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return { perMs: sxx === 0 ? 0 : sxy / sxx, mean: my };
}

/** The samples an instance printed while the traffic ran (start-up and seeding left out). */
function memorySamples(output: string, from: number, to: number): Sample[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('memory '))
    .map((line) => JSON.parse(line.slice('memory '.length)) as Sample)
    .filter((sample) => sample.at >= from && sample.at <= to);
}

/** Growth over the measured span after the warm-up, and whether it stays under the allowance. */
function growth(samples: Sample[], field: 'rssMb' | 'heapUsedMb', minMb: number, share: number) {
  const start = samples[0]?.at ?? 0;
  const end = samples.at(-1)?.at ?? 0;
  const steady = samples.filter((s) => s.at >= start + (end - start) / 4);
  if (steady.length < 3) return { growthMb: Number.NaN, allowedMb: 0, flat: false };
  const fit = slope(steady.map((s) => ({ x: s.at, y: s[field] })));
  const span = (steady.at(-1) as Sample).at - steady[0].at;
  const growthMb = fit.perMs * span;
  const allowedMb = Math.max(minMb, share * fit.mean);
  return { growthMb, allowedMb, flat: growthMb <= allowedMb };
}

// autocannon counts a timeout in `errors` too.
const failed = (r: autocannon.Result) => r.non2xx + r.errors;

export async function soak(): Promise<{ ok: boolean; result: Record<string, unknown> }> {
  const { cluster, token, key } = await seededCluster(INSTANCES, { BENCH_MEMORY_SAMPLE_MS: String(SAMPLE_MS) });
  const sliceSeconds = SECONDS / SLICES;
  const errorsPerSlice: number[] = [];
  const requestsPerSlice: number[] = [];
  const breakdown = { non2xx: 0, socketErrors: 0, timeouts: 0 };
  let n = 0;
  const trafficStarted = Date.now();
  let trafficEnded = trafficStarted;
  try {
    const auth = { Authorization: `Bearer ${key}` };
    const json = { ...auth, 'Content-Type': 'application/json' };
    const mcpCall = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_users', arguments: { limit: 5 } } });
    for (let slice = 0; slice < SLICES; slice++) {
      // A generous timeout: on a loaded machine a slow answer is latency, not a failure.
      const common = { connections: 8, overallRate: RATE, duration: sliceSeconds, timeout: 30 };
      const [opentrain, trainar] = await Promise.all([
        autocannon({
          ...common,
          url: cluster.opentrainUrl,
          requests: [
            { method: 'GET', path: '/api/public/v1/jobs?q=bounding%20boxes' },
            { method: 'GET', path: '/api/public/v1/auth/me', headers: { Authorization: `Bearer ${token}` } },
          ],
        }),
        autocannon({
          ...common,
          url: cluster.trainarUrl,
          requests: [
            {
              setupRequest: (req) => {
                n++;
                switch (n % 4) {
                  case 0:
                    return { ...req, method: 'GET', path: '/v1/api-tenant-users?limit=20', headers: auth };
                  case 1:
                    return { ...req, method: 'POST', path: '/v1/api-tenant-users', headers: json, body: JSON.stringify({ email: `soak-${process.pid}-${n}@example.test`, full_name: `Soak user ${n}`, role: 'member' }) };
                  case 2:
                    return { ...req, method: 'POST', path: '/v1/api-tenant-tasks', headers: json, body: JSON.stringify({ title: `Soak task ${n}`, priority: 'low' }) };
                  default:
                    return { ...req, method: 'POST', path: '/mcp', headers: { ...json, Accept: 'application/json, text/event-stream' }, body: mcpCall };
                }
              },
            },
          ],
        }),
      ]);
      errorsPerSlice.push(failed(opentrain) + failed(trainar));
      for (const r of [opentrain, trainar]) {
        breakdown.non2xx += r.non2xx;
        breakdown.socketErrors += r.errors - r.timeouts;
        breakdown.timeouts += r.timeouts;
      }
      requestsPerSlice.push(opentrain.requests.total + trainar.requests.total);
    }
    trafficEnded = Date.now();
  } finally {
    await cluster.close();
  }
  const third = Math.max(1, Math.floor(SLICES / 3));
  const sum = (list: number[]) => list.reduce((s, v) => s + v, 0);
  const firstErrors = sum(errorsPerSlice.slice(0, third));
  const lastErrors = sum(errorsPerSlice.slice(-third));
  const crashed = cluster.instances.filter((i) => i.process.child.exitCode !== null && i.process.child.exitCode !== 0 && i.process.child.signalCode !== 'SIGTERM').length;
  const result: Record<string, unknown> = {
    seconds: SECONDS,
    instances: INSTANCES,
    ratePerProduct: RATE,
    requests: sum(requestsPerSlice),
    failed: sum(errorsPerSlice),
    failedFirstThird: firstErrors,
    failedLastThird: lastErrors,
    failedNon2xx: breakdown.non2xx,
    failedSocketErrors: breakdown.socketErrors,
    failedTimeouts: breakdown.timeouts,
  };
  let ok = lastErrors <= firstErrors && crashed === 0;
  cluster.instances.forEach((instance, i) => {
    const samples = memorySamples(instance.process.output(), trafficStarted, trafficEnded);
    const heap = growth(samples, 'heapUsedMb', 8, 0.1);
    const rss = growth(samples, 'rssMb', 24, 0.15);
    ok &&= heap.flat && rss.flat;
    Object.assign(result, {
      [`instance${i + 1}Samples`]: samples.length,
      [`instance${i + 1}HeapMb`]: `${samples[0]?.heapUsedMb.toFixed(1)}→${samples.at(-1)?.heapUsedMb.toFixed(1)}`,
      [`instance${i + 1}HeapGrowthMb`]: heap.growthMb,
      [`instance${i + 1}HeapAllowedMb`]: heap.allowedMb,
      [`instance${i + 1}RssMb`]: `${samples[0]?.rssMb.toFixed(0)}→${samples.at(-1)?.rssMb.toFixed(0)}`,
      [`instance${i + 1}RssGrowthMb`]: rss.growthMb,
      [`instance${i + 1}RssAllowedMb`]: rss.allowedMb,
    });
  });
  result.ok = ok;
  return { ok, result };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { ok, result } = await soak();
  const fmt = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v));
  process.stdout.write(`soak: ${Object.entries(result).map(([k, v]) => `${k}=${fmt(v)}`).join(' ')}\n`);
  process.exit(ok ? 0 : 1);
}
