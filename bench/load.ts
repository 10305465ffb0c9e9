/**
 * Load (autocannon, loopback, PostgreSQL): requests per second and p99 of the hot REST paths against
 * a bare Hono + `pg` app running the very statements our request runs (recorded at the driver, same
 * parameters) in the same run, interleaved; TrainAR hosted MCP `tools/call`; a write-heavy mix
 * (TrainAR invites + lists); webhook deliveries (bench/webhooks.ts); and the RSS of the servers'
 * process tree idle and under load. Rate limits are raised so 429s don't count.
 *
 * Needs BENCH_DATABASE_URL or TEST_DATABASE_URL (PostgreSQL). Bounded: BENCH_LOAD_SECONDS (default
 * 8) per measurement, BENCH_LOAD_CONNECTIONS (default 50). Standalone: `npx tsx bench/load.ts`.
 * BENCH_LOAD_PROFILE=<dir> writes a CPU profile of the servers' process for each of our measured
 * phases, `<dir>/<phase>.cpuprofile` (summarise with bench/profile-summary.ts).
 * `BENCH_LOAD_INSTANCES=2`: the same paths through nginx in front of 1 and then 2 instances
 * (bench/load-cluster.ts, results in docs/operations.md).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import type { AppsReady } from './load-server';
import { webhookBench } from './webhooks';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 50);

/** Starts `bench/load-server.ts <mode>` and resolves with its first stdout line (JSON). */
function startServer<T>(mode: 'apps' | 'bare', env: Record<string, string> = {}): Promise<{ child: ChildProcess; ready: T; lines: ReturnType<typeof createInterface> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/load-server.ts'), mode], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => resolve({ child, ready: JSON.parse(line) as T, lines }));
    child.once('exit', (code) => reject(new Error(`load-server ${mode} exited with ${code}`)));
  });
}

/** Runs `measure` with the apps' CPU profiled as `phase` when BENCH_LOAD_PROFILE is set (load-server.ts). */
async function profiled<T>(apps: { child: ChildProcess; lines: ReturnType<typeof createInterface> }, phase: string, measure: () => Promise<T>): Promise<T> {
  if (!process.env.BENCH_LOAD_PROFILE) return measure();
  apps.child.stdin?.write(`${phase}\n`);
  try {
    return await measure();
  } finally {
    const saved = new Promise((resolve) => apps.lines.once('line', resolve));
    apps.child.stdin?.write('\n');
    await saved;
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Resident memory of a process and its descendants, MB (Linux /proc). */
export function treeRssMb(pid: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  let kb = 0;
  for (const p of tree) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return Math.round(kb / 1024);
}

export interface Measured {
  rps: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export async function load(options: autocannon.Options, sampleRssOf?: number): Promise<Measured & { rssMb?: number }> {
  let peakRss = 0;
  const sampler = sampleRssOf ? setInterval(() => (peakRss = Math.max(peakRss, treeRssMb(sampleRssOf))), 500) : undefined;
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  if (sampler) clearInterval(sampler);
  return { rps: result.requests.average, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors /* timeouts included */, rssMb: sampleRssOf ? peakRss : undefined };
}

export async function loadBench(): Promise<Record<string, unknown>> {
  // Several instances behind nginx instead (bench/load-cluster.ts).
  if (process.env.BENCH_LOAD_INSTANCES) return (await import('./load-cluster')).loadClusterBench();
  if (!process.env.BENCH_DATABASE_URL && !process.env.TEST_DATABASE_URL) return { skipped: 'set BENCH_DATABASE_URL or TEST_DATABASE_URL (PostgreSQL)' };
  const apps = await startServer<AppsReady>('apps');
  const bare = await startServer<{ url: string }>('bare', { BENCH_BARE_INPUT: JSON.stringify(apps.ready) });
  const pid = apps.child.pid as number;
  const out: Record<string, unknown> = { seconds: SECONDS, connections: CONNECTIONS };
  // Statements one request runs (rate-limit flushes excluded): the database work each row pays for.
  for (const [name, statements] of Object.entries(apps.ready.statements)) out[`${name}Statements`] = statements.length;
  try {
    const r = apps.ready;
    await new Promise((res) => setTimeout(res, 1500));
    out.rssIdleMb = treeRssMb(pid);
    let peak = 0;
    const rows: Array<[string, string, string, Record<string, string>]> = [
      ['jobsSearch', `${r.opentrainUrl}/api/public/v1/jobs?q=bounding%20cars`, `${bare.ready.url}/api/public/v1/jobs`, {}],
      ['authMe', `${r.opentrainUrl}/api/public/v1/auth/me`, `${bare.ready.url}/api/public/v1/auth/me`, { Authorization: `Bearer ${r.token}` }],
      ['tenantUsers', `${r.trainarUrl}/v1/api-tenant-users`, `${bare.ready.url}/v1/api-tenant-users`, { Authorization: `Bearer ${r.key}` }],
    ];
    for (const [name, ours, baseline, headers] of rows) {
      await load({ url: ours, headers, duration: 2 }); // warm-up (JIT, pools)
      const a = await profiled(apps, name, () => load({ url: ours, headers }, pid));
      const b = await load({ url: baseline });
      peak = Math.max(peak, a.rssMb ?? 0);
      Object.assign(out, {
        [`${name}Rps`]: a.rps,
        [`${name}P99Ms`]: a.p99Ms,
        [`${name}Non2xx`]: a.non2xx + a.errors,
        [`${name}BareRps`]: b.rps,
        [`${name}BareP99Ms`]: b.p99Ms,
        [`${name}Ratio`]: a.rps / b.rps,
      });
    }
    // Hosted MCP tools/call (stateless Streamable HTTP: every POST is a complete call).
    const mcpBody = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_users', arguments: {} } });
    const mcpHeaders = { Authorization: `Bearer ${r.key}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
    await load({ url: `${r.trainarUrl}/mcp`, method: 'POST', headers: mcpHeaders, body: mcpBody, duration: 2 });
    const mcp = await profiled(apps, 'mcpToolsCall', () => load({ url: `${r.trainarUrl}/mcp`, method: 'POST', headers: mcpHeaders, body: mcpBody }, pid));
    peak = Math.max(peak, mcp.rssMb ?? 0);
    Object.assign(out, { mcpToolsCallRps: mcp.rps, mcpToolsCallP99Ms: mcp.p99Ms, mcpToolsCallNon2xx: mcp.non2xx + mcp.errors });
    // Write-heavy mix: 3 of 4 requests invite a user (insert + invitation + sandbox mail), 1 lists.
    let n = 0;
    const mix = await load(
      {
        url: r.trainarUrl,
        requests: [
          {
            setupRequest: (req) => {
              n++;
              if (n % 4 === 0) return { ...req, method: 'GET', path: '/v1/api-tenant-users?limit=20', headers: { Authorization: `Bearer ${r.key}` } };
              const body = JSON.stringify({ email: `load-${process.pid}-${n}@example.test`, full_name: `Load user ${n}`, role: 'member' });
              return { ...req, method: 'POST', path: '/v1/api-tenant-users', body, headers: { Authorization: `Bearer ${r.key}`, 'Content-Type': 'application/json' } };
            },
          },
        ],
      },
      pid,
    );
    peak = Math.max(peak, mix.rssMb ?? 0);
    Object.assign(out, { writeMixRps: mix.rps, writeMixP99Ms: mix.p99Ms, writeMixNon2xx: mix.non2xx + mix.errors, rssUnderLoadPeakMb: peak });
  } finally {
    await stop(bare.child);
    await stop(apps.child);
  }
  const hooks = await webhookBench();
  Object.assign(out, { webhookDeliveriesPerSec: hooks.deliveriesPerSec, webhookLatencyP99Ms: hooks.latencyP99Ms, webhookDeliveries: hooks.deliveries });
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await loadBench();
  const fmt = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v));
  process.stdout.write(`load: ${Object.entries(result).map(([k, v]) => `${k}=${fmt(v)}`).join(' ')}\n`);
}
