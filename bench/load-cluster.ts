/**
 * The load bench against several instances behind nginx (`BENCH_LOAD_INSTANCES=2 npm run bench -- load`):
 * the hot paths of bench/load.ts (OpenTrain `GET /jobs?q=` and `GET /auth/me`, TrainAR
 * `GET /v1/api-tenant-users`, hosted MCP `tools/call`, a write-heavy mix) through the same nginx
 * configuration (scripts/multi-instance/nginx.ts) in front of 1 instance and then of N, on a fresh
 * PostgreSQL database each, in one run: the ratio N/1 is what adding instances buys on this machine.
 * Instances are bench/load-instance.ts processes (rate limits raised). RSS is the peak sum over
 * the instances' processes. Results: docs/operations.md, "Scaling".
 */
import { sql } from 'kysely';
import type { OtDb } from '../packages/opentrain-server/src/platform/db';
import { trainArTenant } from '../scripts/multi-instance/checks/trainar-setup';
import { productDatabase } from '../scripts/multi-instance/checks/support';
import { type Cluster, startCluster } from '../scripts/multi-instance/cluster';
import { load, treeRssMb } from './load';
import { seedJobs } from './search';

export const BENCH_INSTANCE_ARGS = ['--expose-gc', '--import', 'tsx', 'bench/load-instance.ts'];
const JOBS = Number(process.env.BENCH_LOAD_JOBS ?? 2000);

export interface SeededCluster {
  cluster: Cluster;
  token: string;
  key: string;
}

/** A cluster of bench instances with published jobs, an agent token, a tenant with 20 users and a key. */
export async function seededCluster(instances: number, env: Record<string, string> = {}): Promise<SeededCluster> {
  // BENCH_DATABASE_URL, else the multi-instance default (MULTI_INSTANCE_DATABASE_URL, TEST_DATABASE_URL, local).
  const cluster = await startCluster({ instances, instanceArgs: BENCH_INSTANCE_ARGS, env, serverUrl: process.env.BENCH_DATABASE_URL });
  try {
    const opentrain = await productDatabase(cluster.databaseUrl, 'opentrain');
    try {
      await seedJobs(opentrain.db as OtDb, JOBS);
      await sql`analyze`.execute(opentrain.db);
    } finally {
      await opentrain.close();
    }
    const registered = await fetch(`${cluster.opentrainUrl}/api/agent/identity`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ agent_name: 'Load agent' }) });
    const token = ((await registered.json()) as { access_token: string }).access_token;
    const tenant = await trainArTenant(cluster.trainarUrl, cluster.databaseUrl, 'Load tenant');
    const key = await tenant.newKey();
    for (let i = 0; i < 20; i++) {
      await fetch(`${cluster.trainarUrl}/v1/api-tenant-users`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: `seed-${i}-${Date.now()}@example.test`, full_name: `Seed user ${i}`, role: 'member' }),
      }).then((r) => r.arrayBuffer());
    }
    return { cluster, token, key };
  } catch (error) {
    await cluster.close();
    throw error;
  }
}

/** Peak of the summed RSS of every instance's process tree, sampled while `run` runs. */
async function withPeakRss<T>(cluster: Cluster, run: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakMb = 0;
  const pids = cluster.instances.map((i) => i.process.child.pid as number);
  const sample = () => {
    peakMb = Math.max(peakMb, pids.reduce((sum, pid) => sum + treeRssMb(pid), 0));
  };
  const timer = setInterval(sample, 500);
  try {
    return { result: await run(), peakMb };
  } finally {
    clearInterval(timer);
  }
}

async function measure(instances: number): Promise<Record<string, number>> {
  const { cluster, token, key } = await seededCluster(instances);
  const out: Record<string, number> = {};
  try {
    const ot = cluster.opentrainUrl;
    const ta = cluster.trainarUrl;
    const rows: Array<[string, Parameters<typeof load>[0]]> = [
      ['jobsSearch', { url: `${ot}/api/public/v1/jobs?q=bounding%20cars` }],
      ['authMe', { url: `${ot}/api/public/v1/auth/me`, headers: { Authorization: `Bearer ${token}` } }],
      ['tenantUsers', { url: `${ta}/v1/api-tenant-users`, headers: { Authorization: `Bearer ${key}` } }],
      [
        'mcpToolsCall',
        {
          url: `${ta}/mcp`,
          method: 'POST',
          headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_users', arguments: {} } }),
        },
      ],
    ];
    let n = 0;
    rows.push([
      'writeMix',
      {
        url: ta,
        requests: [
          {
            setupRequest: (req) => {
              n++;
              if (n % 4 === 0) return { ...req, method: 'GET', path: '/v1/api-tenant-users?limit=20', headers: { Authorization: `Bearer ${key}` } };
              const body = JSON.stringify({ email: `load-${instances}-${process.pid}-${n}@example.test`, full_name: `Load user ${n}`, role: 'member' });
              return { ...req, method: 'POST', path: '/v1/api-tenant-users', body, headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' } };
            },
          },
        ],
      },
    ]);
    let peak = 0;
    for (const [name, options] of rows) {
      await load({ ...options, duration: 2 }); // warm-up (JIT, pools, nginx keep-alive)
      const { result, peakMb } = await withPeakRss(cluster, () => load(options));
      peak = Math.max(peak, peakMb);
      Object.assign(out, { [`${name}Rps`]: result.rps, [`${name}P99Ms`]: result.p99Ms, [`${name}Non2xx`]: result.non2xx + result.errors });
    }
    out.rssUnderLoadPeakMb = peak;
  } finally {
    await cluster.close();
  }
  return out;
}

export async function loadClusterBench(): Promise<Record<string, unknown>> {
  const instances = Number(process.env.BENCH_LOAD_INSTANCES ?? 2);
  const one = await measure(1);
  const many = await measure(instances);
  const out: Record<string, unknown> = { instances, proxy: 'nginx' };
  for (const [name, value] of Object.entries(one)) out[`${name}At1`] = value;
  for (const [name, value] of Object.entries(many)) out[`${name}At${instances}`] = value;
  for (const name of Object.keys(one).filter((k) => k.endsWith('Rps'))) out[`${name.replace(/Rps$/, '')}Scale`] = many[name] / one[name];
  return out;
}
