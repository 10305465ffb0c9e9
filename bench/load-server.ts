/**
 * The servers `bench/load.ts` measures, each in its own process so its memory is its own:
 * - `apps`: OpenTrain and TrainAR on PostgreSQL (temporary databases), seeded (published jobs, a
 *   claimed agent's token, a tenant with users and a key), rate limits raised. While warming up it
 *   records the SQL each measured request runs (text and parameters), for the baseline.
 * - `bare`: a bare Hono app with `pg` that answers each route by running exactly those statements
 *   with the same parameters and returning the last result as JSON: the same queries, no framework.
 * Prints one JSON line on stdout when listening; stops on SIGTERM.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';
import type { OtDb } from '../packages/opentrain-server/src/platform/db';
import { startHarness as startOpenTrainHarness } from '../packages/opentrain-server/src/testing/harness';
import { startHarness as startTrainArHarness } from '../packages/trainar-server/src/testing/harness';
import { seedJobs } from './search';

export interface Statement {
  text: string;
  values: unknown[];
}

export interface AppsReady {
  opentrainUrl: string;
  trainarUrl: string;
  opentrainDatabaseUrl: string;
  trainarDatabaseUrl: string;
  token: string;
  key: string;
  /** Route name → the statements one request runs. */
  statements: Record<string, Statement[]>;
}

const RAISED = { limit: 1_000_000_000, windowSeconds: 60 };
const JOBS = Number(process.env.BENCH_LOAD_JOBS ?? 2000);

/** The statements one request runs, recorded at the driver (pg clients share one prototype). */
async function record(run: () => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [text, values] = args;
    if (typeof text === 'string' && !text.includes('rate_limit_counters')) seen.push({ text, values: Array.isArray(values) ? values : [] });
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    proto.query = original;
  }
  return seen;
}

/**
 * BENCH_LOAD_PROFILE=<dir>: a CPU profile of each measured phase only. The bench writes a phase
 * name on this process's stdin to start profiling and an empty line to stop; the profile is saved
 * as `<dir>/<phase>.cpuprofile` (no start-up, no time spent while the baseline is measured).
 */
async function profileOnRequest(dir: string): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  let phase: string | undefined;
  let buffered = '';
  process.stdin.on('data', async (chunk) => {
    buffered += String(chunk);
    for (let nl = buffered.indexOf('\n'); nl !== -1; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (line) {
        phase = line;
        await session.post('Profiler.start');
      } else if (phase) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(join(dir, `${phase}.cpuprofile`), JSON.stringify(profile));
        process.stdout.write(`profiled ${phase}\n`);
        phase = undefined;
      }
    }
  });
}

async function startApps(): Promise<void> {
  const ot = await startOpenTrainHarness({ limits: { publicApiPerToken: RAISED, publicApiPerIp: RAISED }, startWorker: false });
  const ta = await startTrainArHarness({ settings: { apiRateLimitPerMinute: 1_000_000_000 } });
  await seedJobs(ot.database.db as OtDb, JOBS);
  const token = (await ot.claimedAgent('Load agent')).token;
  const tenant = await ta.createTenant('Load tenant');
  for (let i = 0; i < 20; i++) await ta.invite(tenant.tenantId);
  const key = (await ta.createKey(tenant.tenantId, ['read:users', 'manage:users'])).key;
  // Warm each route once (first-sight reads of rate-limit windows, last_used_at), then record one request.
  const routes: Record<string, () => Promise<unknown>> = {
    jobsSearch: () => fetch(`${ot.url}/api/public/v1/jobs?q=bounding%20cars`).then((r) => r.text()),
    authMe: () => fetch(`${ot.url}/api/public/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.text()),
    tenantUsers: () => fetch(`${ta.url}/v1/api-tenant-users`, { headers: { Authorization: `Bearer ${key}` } }).then((r) => r.text()),
    // Not replayed by the baseline: recorded so the report shows what hosted MCP adds to the same read.
    mcpListUsers: () =>
      fetch(`${ta.url}/mcp`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_users', arguments: {} } }),
      }).then((r) => r.text()),
  };
  const statements: Record<string, Statement[]> = {};
  for (const [name, run] of Object.entries(routes)) {
    await run();
    statements[name] = await record(run);
  }
  const ready: AppsReady = {
    opentrainUrl: ot.url,
    trainarUrl: ta.url,
    opentrainDatabaseUrl: ot.database.url as string,
    trainarDatabaseUrl: ta.database.url as string,
    token,
    key,
    statements,
  };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  if (process.env.BENCH_LOAD_PROFILE) await profileOnRequest(mkdirSync(process.env.BENCH_LOAD_PROFILE, { recursive: true }) ?? process.env.BENCH_LOAD_PROFILE);
  process.once('SIGTERM', async () => {
    await ot.close();
    await ta.close();
    process.exit(0);
  });
}

async function startBare(): Promise<void> {
  const input = JSON.parse(process.env.BENCH_BARE_INPUT ?? '{}') as AppsReady;
  const pools = {
    opentrain: new pg.Pool({ connectionString: input.opentrainDatabaseUrl, max: 10 }),
    trainar: new pg.Pool({ connectionString: input.trainarDatabaseUrl, max: 10 }),
  };
  const app = new Hono();
  const route = (path: string, pool: pg.Pool, statements: Statement[]) =>
    app.get(path, async (c) => {
      let rows: unknown[] = [];
      for (const s of statements) rows = (await pool.query(s.text, s.values)).rows;
      return c.json(rows);
    });
  route('/api/public/v1/jobs', pools.opentrain, input.statements.jobsSearch);
  route('/api/public/v1/auth/me', pools.opentrain, input.statements.authMe);
  route('/v1/api-tenant-users', pools.trainar, input.statements.tenantUsers);
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`);
  });
  process.once('SIGTERM', async () => {
    server.close();
    await Promise.all([pools.opentrain.end(), pools.trainar.end()]);
    process.exit(0);
  });
}

if (process.argv[2] === 'bare') await startBare();
else await startApps();
