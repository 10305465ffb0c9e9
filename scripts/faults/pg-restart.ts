/**
 * @module PostgreSQL restarted under load: both apps on a private cluster (postgres-cluster.ts), a
 * TrainAR webhook subscribed to task.created, autocannon creating tasks (writes, each with a unique
 * external_id) and reading the OpenTrain agent's /auth/me, while the cluster is restarted with
 * `pg_ctl restart -m fast` and `-m immediate` in turn. The app is never restarted. Checked: /readyz
 * comes back, writes succeed again, a quiet tail has no 5xx left, every acknowledged task exists, and
 * the outbox resumed: every task that exists reached the webhook receiver.
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { type RunningApp, startApp, stopApp, type Target } from './app';
import { call, eventually, expectStatus, sleep } from './http';
import { invariantProblems } from './invariants';
import type { Cluster } from './postgres-cluster';
import { startReceiver } from './receiver';
import * as ta from './trainar';

export interface RestartOptions {
  /** Seconds of load around each restart. */
  secondsPerRestart: number;
  restarts: Array<'fast' | 'immediate'>;
  connections: number;
  /** Task writes per second across the connections (every write is a webhook delivery to wait for). */
  writeRate: number;
}

interface Outcome {
  acked: Map<string, string>; // task id → external_id, for every 201
  byStatus: Map<number, number>;
  /** Non-2xx answers and connection errors per second of the run. */
  failuresPerSecond: Map<number, number>;
  errors: number;
}

function load(app: RunningApp, tenant: ta.Tenant, agentToken: string, seconds: number, connections: number, writeRate: number): { done: Promise<void>; outcome: Outcome } {
  const outcome: Outcome = { acked: new Map(), byStatus: new Map(), failuresPerSecond: new Map(), errors: 0 };
  const started = Date.now();
  const failed = () => {
    const second = Math.floor((Date.now() - started) / 1000);
    outcome.failuresPerSecond.set(second, (outcome.failuresPerSecond.get(second) ?? 0) + 1);
  };
  const count = (status: number) => {
    outcome.byStatus.set(status, (outcome.byStatus.get(status) ?? 0) + 1);
    if (status >= 300) failed();
  };
  let n = 0;
  const finished: Promise<void>[] = [];
  const run = (options: autocannon.Options) => {
    let instance: autocannon.Instance | undefined;
    finished.push(
      new Promise<void>((resolve, reject) => {
        instance = autocannon(options, (err) => (err ? reject(err) : resolve()));
      }),
    );
    return instance as autocannon.Instance;
  };
  const writes = run({
    url: app.trainar,
    connections,
    overallRate: writeRate,
    duration: seconds,
    timeout: 20,
    requests: [
      {
        method: 'POST',
        path: '/v1/api-tenant-tasks',
        headers: { Authorization: `Bearer ${tenant.key}`, 'Content-Type': 'application/json' },
        setupRequest: (req) => {
          n += 1;
          return { ...req, body: JSON.stringify({ title: `Load task ${n}`, external_id: `load-${n}` }) };
        },
        onResponse: (status, body) => {
          count(status);
          if (status === 201) {
            const task = JSON.parse(body) as { id: string; external_id: string };
            outcome.acked.set(task.id, task.external_id);
          }
        },
      },
    ],
  });
  // OpenTrain: authenticated reads under its per-token limit (600 a minute).
  const reads = run({
    url: `${app.opentrain}/api/public/v1/auth/me`,
    connections: 2,
    overallRate: 8,
    duration: seconds,
    timeout: 20,
    headers: { Authorization: `Bearer ${agentToken}` },
    requests: [{ method: 'GET', onResponse: (status) => count(status) }],
  });
  for (const instance of [writes, reads]) {
    instance.on('reqError', () => {
      outcome.errors += 1;
      failed();
    });
  }
  return { done: Promise.all(finished).then(() => undefined), outcome };
}

async function readyAgain(app: RunningApp): Promise<number> {
  const started = Date.now();
  await eventually(
    '/readyz of both apps',
    async () => {
      if (app.process.child.exitCode !== null || app.process.child.signalCode !== null)
        throw new Error(`the app exited (${app.process.child.exitCode ?? app.process.child.signalCode}):\n${app.process.output().slice(-3000)}`);
      const [a, b] = await Promise.all([call('GET', `${app.opentrain}/readyz`), call('GET', `${app.trainar}/readyz`)]);
      return a.status === 200 && b.status === 200 ? true : undefined;
    },
    120_000,
    100,
  );
  return Date.now() - started;
}

/** Polls `missing` until it is empty, or until it has not shrunk for 60 s; resolves with what is still missing. */
async function untilStalled(missing: () => string[]): Promise<string[]> {
  let last = missing();
  let progressAt = Date.now();
  while (last.length > 0 && Date.now() - progressAt < 60_000) {
    await sleep(1000);
    const now = missing();
    if (now.length < last.length) progressAt = Date.now();
    last = now;
  }
  return last;
}

export async function runPostgresRestart(cluster: Cluster, options: RestartOptions, log: (line: string) => void): Promise<string[]> {
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query('create database faults_restart');
  await admin.end();
  const target: Target = { label: 'PostgreSQL restart', env: { DATABASE_URL: cluster.url('faults_restart') } };
  const receiver = await startReceiver();
  const app = await startApp(target);
  try {
    const tenant = await ta.createTenant(app.trainar, target, 'restart');
    await expectStatus(201, 'POST', `${app.trainar}/v1/webhook-subscribe`, { token: tenant.key, body: { url: receiver.url, events: ['task.created'] } });
    const agent = await expectStatus(200, 'POST', `${app.opentrain}/api/agent/identity`, { body: { agent_name: 'Fault load' } });
    const seconds = options.secondsPerRestart * (options.restarts.length + 1);
    const run = load(app, tenant, agent.access_token, seconds, options.connections, options.writeRate);
    for (const [i, mode] of options.restarts.entries()) {
      await sleep(options.secondsPerRestart * 1000);
      const restartedAt = Date.now();
      await cluster.restart(mode);
      const down = Date.now() - restartedAt;
      const ready = await readyAgain(app);
      log(`  [PostgreSQL restart] restart ${i + 1} (-m ${mode}): PostgreSQL back after ${down} ms; both /readyz 200 ${ready} ms later, app not restarted`);
    }
    await run.done;
    const { outcome } = run;
    const statuses = [...outcome.byStatus]
      .sort(([a], [b]) => a - b)
      .map(([s, c]) => `${s}×${c}`)
      .join(', ');
    const failureSeconds = [...outcome.failuresPerSecond.keys()].sort((a, b) => a - b);
    log(`  [PostgreSQL restart] ${seconds} s of load: ${statuses}; ${outcome.errors} connection errors; failures in ${failureSeconds.length} of ${seconds} seconds (${failureSeconds.join(', ') || 'none'})`);

    // No 5xx storm left: a quiet tail of writes and reads all succeed, without restarting the app.
    await readyAgain(app);
    for (let i = 0; i < 20; i++) {
      const created = await expectStatus(201, 'POST', `${app.trainar}/v1/api-tenant-tasks`, { token: tenant.key, body: { title: `Tail task ${i}`, external_id: `tail-${i}` } });
      outcome.acked.set(created.id, created.external_id);
      await expectStatus(200, 'GET', `${app.opentrain}/api/public/v1/auth/me`, { token: agent.access_token });
    }
    log('  [PostgreSQL restart] after the load: 20 writes and 20 reads in a row all succeeded');

    // Acknowledged writes are all there; every stored task's event reached the receiver (the outbox resumed).
    const db = new pg.Client({ connectionString: cluster.url('faults_restart') });
    await db.connect();
    const stored = new Set((await db.query<{ id: string }>('select id from trainar.tasks where tenant_id = $1', [tenant.tenantId])).rows.map((r) => r.id));
    await db.end();
    const lost = [...outcome.acked.keys()].filter((id) => !stored.has(id));
    const problems: string[] = lost.map((id) => `acknowledged task ${id} (${outcome.acked.get(id)}) is missing`);
    const delivered = new Set<string>();
    let read = 0;
    const missing = () => {
      for (; read < receiver.received.length; read++) {
        const r = receiver.received[read];
        if (r.answered) delivered.add((JSON.parse(r.body) as { data: { task_id: string } }).data.task_id);
      }
      return [...stored].filter((id) => !delivered.has(id));
    };
    // The backlog of a long load takes a while: wait as long as deliveries keep arriving (a stalled outbox stops them).
    const undelivered = await untilStalled(missing);
    problems.push(...undelivered.map((id) => `task ${id} is stored but its task.created event never reached the webhook`));
    log(
      `  [PostgreSQL restart] ${outcome.acked.size} acknowledged task writes, ${stored.size} stored (${stored.size - outcome.acked.size} committed without an answer), ${lost.length} lost; ${stored.size - undelivered.length} task.created deliveries received`,
    );

    await sleep(2000);
    await stopApp(app);
    problems.push(...(await invariantProblems(target)));
    return problems;
  } finally {
    await app.process.stop('SIGKILL');
    await receiver.close();
  }
}
