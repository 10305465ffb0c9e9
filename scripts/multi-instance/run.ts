/**
 * `npm run multi-instance`: two app instances (`npm start` processes, both products each) on one fresh
 * PostgreSQL database behind nginx, started together on the empty database (racing migrations), then
 * the real flows through the proxy with the real clients:
 * - OpenTrain: an agent over hosted /mcp and a human in web pages (opentrain-mcp.ts); the CLI (opentrain-cli.ts)
 * - TrainAR: the whole MCP catalogue over /mcp, /sse sessions with sticky routing (trainar-mcp.ts)
 * - the outbox: webhook deliveries counted at a real receiver, each event exactly once (outbox.ts)
 * - a per-key rate limit shared by the instances, and per-IP limits seeing callers behind the proxy (rate-limit.ts)
 * - backup and restore of the database while it serves (backup-restore.ts)
 *
 * Sizes: `MULTI_INSTANCE_SIZE=full` (default: 1,000 webhook events, 10 SSE sessions) or `ci` (100
 * events, 4 sessions); `MULTI_INSTANCE_COUNT` (default 2) instances. PostgreSQL from
 * MULTI_INSTANCE_DATABASE_URL, else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test
 * (a database is created beside it and dropped). Needs nginx (`apt-get install -y nginx`).
 * Results and the configuration: docs/operations.md, "Scaling".
 */
import { backupAndRestore } from './checks/backup-restore';
import { type Cluster, startCluster } from './cluster';
import { openTrainCliFlow } from './checks/opentrain-cli';
import { openTrainHostedMcpFlow } from './checks/opentrain-mcp';
import { outboxExactlyOnce } from './checks/outbox';
import { perIpLimitBehindProxy, rateLimitAcrossInstances } from './checks/rate-limit';
import { trainArTenant } from './checks/trainar-setup';
import { trainArCatalogueOverMcp, trainArSseWithAffinity } from './checks/trainar-mcp';

const full = (process.env.MULTI_INSTANCE_SIZE ?? 'full') !== 'ci';
const INSTANCES = Number(process.env.MULTI_INSTANCE_COUNT ?? 2);
const EVENTS = Number(process.env.MULTI_INSTANCE_EVENTS ?? (full ? 1000 : 100));
const SSE_SESSIONS = full ? 10 : 4;
const API_RATE_LIMIT = 300;

const results: Array<{ check: string; ok: boolean; seconds: number; detail: string }> = [];

async function step(check: string, run: () => Promise<Record<string, unknown>>): Promise<void> {
  const started = performance.now();
  try {
    const detail = await run();
    results.push({ check, ok: true, seconds: (performance.now() - started) / 1000, detail: Object.entries(detail).map(([k, v]) => `${k}=${v}`).join(' ') });
  } catch (error) {
    results.push({ check, ok: false, seconds: (performance.now() - started) / 1000, detail: (error as Error).message });
  }
  const last = results[results.length - 1];
  process.stdout.write(`${last.ok ? 'ok  ' : 'FAIL'} ${check} (${last.seconds.toFixed(1)} s): ${last.detail}\n`);
}

let cluster: Cluster | undefined;
try {
  cluster = await startCluster({
    instances: INSTANCES,
    env: {
      SANDBOX_APPLY_DELAY_SECONDS: '1',
      TRAINAR_API_RATE_LIMIT: String(API_RATE_LIMIT),
      // A configured ServiceM8 add-on, so get_integration_connect_url builds its URL (nothing is called).
      TRAINAR_SERVICEM8_CLIENT_ID: 'multi-instance-client',
      TRAINAR_SERVICEM8_CLIENT_SECRET: 'multi-instance-not-a-secret',
    },
  });
  const c = cluster;
  process.stdout.write(`${INSTANCES} instances (npm start, both products each) on one fresh database, ready ${(c.startMs / 1000).toFixed(1)} s after starting together; nginx: OpenTrain ${c.opentrainUrl}, TrainAR ${c.trainarUrl}\n`);
  const tenant = await trainArTenant(c.trainarUrl, c.databaseUrl, 'Multi-instance tenant');
  // Its own tenant: the catalogue run creates a webhook (to an unreachable address) in the first.
  const outboxTenant = await trainArTenant(c.trainarUrl, c.databaseUrl, 'Multi-instance outbox tenant');
  await step('OpenTrain agent over hosted /mcp + human in pages', () => openTrainHostedMcpFlow(c.opentrainUrl, c.databaseUrl));
  let cliJob = '';
  await step('OpenTrain CLI', async () => {
    const out = await openTrainCliFlow(c.opentrainUrl);
    cliJob = String(out.jobId);
    return out;
  });
  await step('TrainAR catalogue over /mcp (v1 and v2 clients)', () => trainArCatalogueOverMcp(c.trainarUrl, tenant.newKey));
  await step('TrainAR /sse sessions with sticky routing', async () => trainArSseWithAffinity(c.trainarUrl, c.instances.map((i) => i.trainar), await tenant.newKey(), SSE_SESSIONS));
  await step('Outbox: webhook deliveries exactly once', () => outboxExactlyOnce(c.trainarUrl, c.databaseUrl, outboxTenant, EVENTS));
  await step('TrainAR per-key rate limit across instances', async () => rateLimitAcrossInstances(c.trainarUrl, await tenant.newKey(), API_RATE_LIMIT, INSTANCES));
  await step('OpenTrain per-IP limit behind the proxy (TRUSTED_PROXIES)', () => perIpLimitBehindProxy(c.opentrainUrl));
  await step('PostgreSQL backup (pg_dump) and restore (pg_restore, npm start on the copy)', async () => backupAndRestore(c.databaseUrl, { jobId: cliJob, key: await tenant.newKey() }));
  const crashed = c.instances.filter((i) => i.process.child.exitCode !== null);
  if (crashed.length > 0) results.push({ check: 'instances still running', ok: false, seconds: 0, detail: crashed.map((i) => i.process.output()).join('\n') });
} catch (error) {
  results.push({ check: 'cluster start', ok: false, seconds: 0, detail: (error as Error).message });
  process.stdout.write(`FAIL cluster start: ${(error as Error).message}\n`);
} finally {
  await cluster?.close();
}
const failed = results.filter((r) => !r.ok);
process.stdout.write(`\nmulti-instance (${full ? 'full' : 'ci'} size, ${INSTANCES} instances): ${results.length - failed.length} passed, ${failed.length} failed\n`);
process.exit(failed.length > 0 ? 1 : 0);
