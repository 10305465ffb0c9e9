/**
 * `npm run faults`: the fault tests (docs/fault-tests.md). SIGKILL in the middle of OpenTrain hire
 * confirmation, milestone capture and webhook delivery and of TrainAR session minute accounting and
 * knowledge processing, on the embedded data directory and on PostgreSQL; then PostgreSQL restarted
 * under load on a private cluster. Reduced size by default (CI); FAULTS_SIZE=full for the full run.
 *
 * FAULTS_SIZE=ci|full    rounds of the kill scenarios (1 | 3), restarts under load (2 | 6) and
 *                        seconds of load around each (5 | 20)
 * FAULTS_STORAGE=…       where the kill scenarios run: comma list of pglite, postgres (a private
 *                        cluster); default pglite (reduced), both (full)
 * FAULTS_PG_RESTART=0    skip the PostgreSQL restart scenario
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type RunningApp, stopApp, type Target } from './app';
import { invariantProblems } from './invariants';
import { type KillState, runKillScenarios } from './kill-scenarios';
import * as ot from './opentrain';
import { runPostgresRestart } from './pg-restart';
import { type Cluster, clusterAvailable, startCluster } from './postgres-cluster';
import { startReceiver } from './receiver';
import * as ta from './trainar';
import { repoRoot } from '../start-process';

const full = process.env.FAULTS_SIZE === 'full';
const size = full
  ? { rounds: 3, restarts: ['fast', 'immediate', 'fast', 'immediate', 'fast', 'immediate'] as const, secondsPerRestart: 20, connections: 16, writeRate: 25 }
  : { rounds: 1, restarts: ['fast', 'immediate'] as const, secondsPerRestart: 5, connections: 8, writeRate: 25 };
const storages = (process.env.FAULTS_STORAGE ?? (full ? 'pglite,postgres' : 'pglite'))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

const lines: string[] = [];
const log = (line: string) => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};

async function setup(app: RunningApp, target: Target): Promise<KillState> {
  const employer = await ot.createEmployer(app.opentrain, target.label.replace(/\W+/g, '-').toLowerCase());
  await ot.topUp(app.opentrain, employer, 5000);
  const receiver = await startReceiver();
  const webhook = await ot.createWebhook(app.opentrain, employer, receiver.url);
  const tenant = await ta.createTenant(app.trainar, target, target.label.replace(/\W+/g, '-').toLowerCase());
  const trainarReceiver = await startReceiver();
  const trainarWebhookId = await ta.createWebhook(app.trainar, tenant, trainarReceiver.url);
  return { target, employer, expected: { availableCents: 500_000, reservedCents: 0 }, receiver, webhookId: webhook.id, tenant, trainarReceiver, trainarWebhookId, funded: [], contracts: [], spareProposals: [], round: 0 };
}

/** Every delivery the webhook was given reached the receiver and was logged as succeeded; one delivery id per event. */
async function webhookProblems(app: RunningApp, s: KillState): Promise<string[]> {
  const problems: string[] = [];
  // Newest first, at most 200 attempts: more than these runs make.
  const attempts = await ot.webhookDeliveries(app.opentrain, ot.rebind(s.employer, app.opentrain), s.webhookId);
  const byDelivery = new Map<string, string[]>();
  for (const d of attempts) byDelivery.set(d.deliveryId, [...(byDelivery.get(d.deliveryId) ?? []), d.outcome]);
  for (const [id, outcomes] of byDelivery) if (!outcomes.includes('succeeded')) problems.push(`webhook delivery ${id}: ${outcomes.join(', ')}, never succeeded`);
  const idsPerEvent = new Map<string, Set<string>>();
  for (const r of s.receiver.received) idsPerEvent.set(r.eventId, (idsPerEvent.get(r.eventId) ?? new Set()).add(r.deliveryId));
  for (const [eventId, ids] of idsPerEvent) if (ids.size > 1) problems.push(`event ${eventId} was fanned out ${ids.size} times (${[...ids].join(', ')})`);
  for (const eventId of idsPerEvent.keys()) if (!s.receiver.received.some((r) => r.eventId === eventId && r.answered)) problems.push(`event ${eventId} never answered by the receiver`);
  // TrainAR (Standard Webhooks): webhook-id is the event id, so an event must never arrive under two ids, and each was answered.
  const trainarIds = new Map<string, Set<string>>();
  for (const r of s.trainarReceiver.received) trainarIds.set(r.eventId, (trainarIds.get(r.eventId) ?? new Set()).add(r.deliveryId));
  for (const [eventId, ids] of trainarIds) {
    if (ids.size > 1) problems.push(`TrainAR event ${eventId} arrived under ${ids.size} webhook-ids`);
    if (!s.trainarReceiver.received.some((r) => r.eventId === eventId && r.answered)) problems.push(`TrainAR event ${eventId} never answered by the receiver`);
  }
  return problems;
}

async function killRun(target: Target): Promise<string[]> {
  let state: KillState | undefined;
  const app = await runKillScenarios(
    target,
    size.rounds,
    async (a) => {
      state = await setup(a, target);
      return state;
    },
    log,
  );
  const s = state as KillState;
  try {
    const problems = await webhookProblems(app, s);
    const received = s.receiver.received;
    log(`  [${target.label}] webhook receiver: ${received.length} requests for ${new Set(received.map((r) => r.eventId)).size} events; credits ${JSON.stringify(s.expected)} as expected`);
    await stopApp(app);
    problems.push(...(await invariantProblems(target)));
    return problems;
  } finally {
    await app.process.stop('SIGKILL');
    await s.receiver.close();
    await s.trainarReceiver.close();
  }
}

async function main() {
  execFileSync(process.execPath, ['scripts/start.mjs', '--build-only'], { cwd: repoRoot, stdio: 'inherit' });
  const started = Date.now();
  const failures: string[] = [];
  let cluster: Cluster | undefined;
  const scratch = mkdtempSync(join(tmpdir(), 'faults-'));
  log(`Fault tests (${full ? 'full' : 'reduced (CI)'} size: ${size.rounds} round(s) of the kill scenarios; ${size.restarts.length} PostgreSQL restarts under ${size.secondsPerRestart} s of load each)`);
  try {
    const needCluster = storages.includes('postgres') || process.env.FAULTS_PG_RESTART !== '0';
    if (needCluster && !clusterAvailable()) throw new Error('PostgreSQL binaries not found (set PG_BIN, or FAULTS_STORAGE=pglite FAULTS_PG_RESTART=0)');
    if (needCluster) cluster = await startCluster();
    for (const storage of storages) {
      let target: Target;
      if (storage === 'pglite') target = { label: 'PGlite', env: { DATA_DIR: join(scratch, 'data') } };
      else if (storage === 'postgres' && cluster) {
        const admin = new pg.Client({ connectionString: cluster.url('postgres') });
        await admin.connect();
        await admin.query('create database faults_kill');
        await admin.end();
        target = { label: 'PostgreSQL', env: { DATABASE_URL: cluster.url('faults_kill') } };
      } else throw new Error(`unknown FAULTS_STORAGE entry "${storage}" (pglite, postgres)`);
      log(`SIGKILL mid-operation on ${target.label}:`);
      const problems = await killRun(target);
      log(
        problems.length
          ? `  [${target.label}] INVARIANTS BROKEN:\n${problems.map((p) => `    - ${p}`).join('\n')}`
          : `  [${target.label}] invariants hold: credit ledger audit, one contract and one event per hire, each escrow captured once or returned once, minute pools = their ledgers, every stopped session charged once, knowledge fully embedded, no stuck or dead job`,
      );
      failures.push(...problems.map((p) => `${target.label}: ${p}`));
    }
    if (process.env.FAULTS_PG_RESTART !== '0' && cluster) {
      log('PostgreSQL restarted under load:');
      const problems = await runPostgresRestart(cluster, { secondsPerRestart: size.secondsPerRestart, restarts: [...size.restarts], connections: size.connections, writeRate: size.writeRate }, log);
      log(
        problems.length
          ? `  [PostgreSQL restart] PROBLEMS:\n${problems.map((p) => `    - ${p}`).join('\n')}`
          : '  [PostgreSQL restart] recovered: no acknowledged write lost, the outbox delivered every stored task, invariants hold',
      );
      failures.push(...problems.map((p) => `PostgreSQL restart: ${p}`));
    }
  } catch (err) {
    failures.push((err as Error).stack ?? String(err));
    log(`FAILED: ${(err as Error).stack ?? err}`);
  } finally {
    cluster?.destroy();
    rmSync(scratch, { recursive: true, force: true });
  }
  log(`Fault tests ${failures.length ? `FAILED (${failures.length} problem(s))` : 'passed'} in ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(failures.length ? 1 : 0);
}

await main();
