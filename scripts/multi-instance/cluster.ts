/**
 * @module N app instances on one fresh PostgreSQL database behind nginx: each instance is a real
 * `npm start` process (`node scripts/start.mjs`, both products, own ports), all started at the same
 * moment on the empty database (so their migrations race, as two replicas rolling out together do),
 * then nginx in front (nginx.ts). Used by `npm run multi-instance`, the load bench's two-instance
 * mode (bench/load-cluster.ts) and the soak run (bench/soak.ts).
 */
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { repoRoot, type StartedProcess, startProcess } from '../start-process';
import { freePort, type RunningNginx, startNginx } from './nginx';

export interface ClusterOptions {
  instances: number;
  /** Extra environment for every instance (limits, sandbox pace). */
  env?: Record<string, string>;
  /** A server URL (any database name): a fresh database is created beside it and dropped at the end. */
  serverUrl?: string;
  /** What each instance runs (node arguments); default `npm start` (scripts/start.mjs). */
  instanceArgs?: string[];
}

export interface Instance {
  process: StartedProcess;
  opentrain: string;
  trainar: string;
}

export interface Cluster {
  /** The fronts: every request through nginx. */
  opentrainUrl: string;
  trainarUrl: string;
  instances: Instance[];
  databaseUrl: string;
  proxy: RunningNginx;
  /** Milliseconds from spawning every instance to all answering /readyz. */
  startMs: number;
  close(): Promise<void>;
}

export const DEFAULT_SERVER_URL = process.env.MULTI_INSTANCE_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The same server URL with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Builds the `npm start` bundle once, so N processes starting together do not all rebuild it. */
function buildStartBundle(): void {
  const result = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building the start bundle failed:\n${result.stderr}`);
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const serverUrl = options.serverUrl ?? DEFAULT_SERVER_URL;
  const database = `multi_instance_${Date.now().toString(36)}_${process.pid}`;
  const databaseUrl = withDatabase(serverUrl, database);
  await admin(serverUrl, `create database ${database}`);
  const started: StartedProcess[] = [];
  let proxy: RunningNginx | undefined;
  const close = async () => {
    await proxy?.stop();
    await Promise.all(started.map((p) => p.stop()));
    await admin(serverUrl, `drop database if exists ${database} with (force)`);
  };
  try {
    if (!options.instanceArgs) buildStartBundle();
    const ports = { opentrain: await freePort(), trainar: await freePort() };
    const began = performance.now();
    const env = {
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      // Dev conveniences on PostgreSQL: sandbox mail (stored in the database, so every instance
      // shows every mail), the sandbox marketplace, loopback webhook receivers.
      DEV_MODE: '1',
      TRUSTED_PROXIES: '127.0.0.1',
      // Links the apps hand out (claim, sign-in, invitations) point at the proxy, not at one instance.
      OPENTRAIN_PUBLIC_URL: `http://127.0.0.1:${ports.opentrain}`,
      TRAINAR_PUBLIC_URL: `http://127.0.0.1:${ports.trainar}`,
      LOG_LEVEL: 'warn',
      ...options.env,
    };
    for (let i = 0; i < options.instances; i++) started.push(startProcess(env, options.instanceArgs));
    const ready = await Promise.all(started.map((p) => p.ready(180_000)));
    const startMs = Math.round(performance.now() - began);
    proxy = await startNginx({ opentrain: ready.map((r) => r.opentrain), trainar: ready.map((r) => r.trainar) }, ports);
    return {
      opentrainUrl: proxy.opentrainUrl,
      trainarUrl: proxy.trainarUrl,
      instances: ready.map((r, i) => ({ process: started[i], ...r })),
      databaseUrl,
      proxy,
      startMs,
      close,
    };
  } catch (error) {
    const output = started.map((p, i) => `--- instance ${i + 1} output ---\n${p.output()}`).join('\n');
    await close().catch(() => {});
    throw new Error(`${(error as Error).message}\n${output}`);
  }
}
