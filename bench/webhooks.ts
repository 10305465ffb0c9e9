/**
 * Webhook delivery: sustained deliveries per second through the whole pipeline (emitEvent → outbox →
 * fan-out pass → deliver job → signed POST → log row, on a live kit worker) to a loopback receiver,
 * and event-to-delivery latency p50/p99 for a paced stream of events. Baselines, same run: the same
 * number of plain HTTP POSTs of the same bodies to the same receiver at the same concurrency
 * (throughput ratio), and the same paced stream as plain POSTs, send → response (latency ratios).
 * PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a temporary database, dropped
 * afterwards), else in-memory PGlite. Bounded: BENCH_WEBHOOK_EVENTS events (default 500) and
 * BENCH_WEBHOOK_TIME_LIMIT_MS (default 60 s) per phase. BENCH_WEBHOOK_CONCURRENCY (default 16): the
 * worker's batch size and the plain-POST loop's concurrency.
 *
 * Standalone: `npx tsx bench/webhooks.ts`.
 */
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import { type AnyDb, createWorker, emitEvent, kitMigrations, systemClock } from '@platform/kit';
import { createWebhooks, webhooksMigrations } from '../packages/opentrain-server/src/webhooks/index';
import { startReceiver } from '../packages/opentrain-server/src/webhooks/test-support';
import { openBenchDatabase, percentile } from './bench-database';

const ACCOUNT = 'acc_bench';
const WEBHOOKS = 2;
const CONCURRENCY = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 16);
const FANOUT_INTERVAL_MS = 5;
const POLL_INTERVAL_MS = 5;

async function waitFor(done: () => boolean, deadline: number): Promise<boolean> {
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 2));
  }
  return true;
}

/** `count` POSTs of `body` to `url`, `concurrency` at a time over keep-alive sockets; POSTs per second. */
async function rawPosts(url: string, body: string, count: number, concurrency: number): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const headers = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'X-OpenTrain-Signature': `t=0,v1=${'0'.repeat(64)}` };
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(body);
    });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        await one();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return count / seconds;
}

/** `count` sequential POSTs paced like phase 2; sorted round-trip times (send → response), ms. */
async function rawPostLatencies(url: string, body: string, count: number, paceMs: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const headers = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end(body);
    });
    out.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, paceMs));
  }
  agent.destroy();
  return out.sort((a, b) => a - b);
}

export async function webhookBench(
  options: { events?: number; latencyEvents?: number; timeLimitMs?: number } = {},
): Promise<Record<string, unknown>> {
  const events = options.events ?? Number(process.env.BENCH_WEBHOOK_EVENTS ?? 500);
  const latencyEvents = options.latencyEvents ?? Math.min(200, events);
  const timeLimitMs = options.timeLimitMs ?? Number(process.env.BENCH_WEBHOOK_TIME_LIMIT_MS ?? 60_000);
  const { database, driver, drop } = await openBenchDatabase('webhooks', [...kitMigrations, ...webhooksMigrations], CONCURRENCY + 4);
  const db: AnyDb = database.db;
  const receiver = await startReceiver(() => 204);
  const webhooks = createWebhooks({ db, clock: systemClock, allowPrivateUrls: true, fanoutIntervalMs: FANOUT_INTERVAL_MS, fanoutBatchSize: 500 });
  const worker = createWorker({ db, clock: systemClock, handlers: webhooks.jobHandlers, pollIntervalMs: POLL_INTERVAL_MS, batchSize: CONCURRENCY });
  try {
    for (let i = 0; i < WEBHOOKS; i++) await webhooks.service.create(ACCOUNT, { url: `${receiver.url}/hook/${i}`, eventTypes: ['message.received'] });
    await webhooks.ensureFanout();
    const emittedAt = new Map<string, number>();
    const emit = async (n: number, perTransaction: number) => {
      for (let done = 0; done < n; done += perTransaction) {
        const ids = await db.transaction().execute(async (trx) => {
          const out: number[] = [];
          for (let k = done; k < Math.min(n, done + perTransaction); k++) {
            out.push(await emitEvent(trx, { type: 'message.received', scope: ACCOUNT, payload: { conversationId: 'cv_bench', messageId: `m_${k}` } }));
          }
          return out;
        });
        const now = performance.now();
        for (const id of ids) emittedAt.set(String(id), now);
      }
    };

    // Baseline (worker stopped), before and after the pipeline phases, averaged: the machine's
    // load drifts during a run. A body of the same shape and size as a delivery's.
    const baselineBody = JSON.stringify({ id: '1000000', type: 'message.received', apiVersion: 'v1', createdAt: new Date().toISOString(), resourceId: 'm_0', jobId: null, data: { conversationId: 'cv_bench', messageId: 'm_0' } });
    await rawPosts(`${receiver.url}/raw`, baselineBody, 300, CONCURRENCY); // warm-up
    const rawBefore = await rawPosts(`${receiver.url}/raw`, baselineBody, events * WEBHOOKS, CONCURRENCY);
    worker.start();
    const warm = receiver.received.length;
    await emit(20, 20); // warm-up of the pipeline (JIT, sockets, plans), not measured
    await waitFor(() => receiver.received.length - warm >= 20 * WEBHOOKS, Date.now() + timeLimitMs);
    const rawSeen = receiver.received.length;

    // Phase 1: a burst of events, drained as fast as the pipeline goes.
    const burstStart = performance.now();
    const burstFirst = rawSeen;
    await emit(events, 50);
    const burstDeliveries = events * WEBHOOKS;
    const burstComplete = await waitFor(() => receiver.received.length - burstFirst >= burstDeliveries, Date.now() + timeLimitMs);
    const burstDelivered = receiver.received.length - burstFirst;
    const burstSeconds = ((receiver.received.at(-1)?.at ?? performance.now()) - burstStart) / 1000;
    const deliveriesPerSec = burstDelivered / burstSeconds;

    // Phase 2: a paced stream, one event per transaction every 10 ms; latency = receipt − commit.
    const paceFirst = receiver.received.length;
    for (let i = 0; i < latencyEvents; i++) {
      await emit(1, 1);
      await new Promise((r) => setTimeout(r, 10));
    }
    const paceComplete = await waitFor(() => receiver.received.length - paceFirst >= latencyEvents * WEBHOOKS, Date.now() + timeLimitMs);
    const latencies = receiver.received
      .slice(paceFirst)
      .map((q) => q.at - (emittedAt.get(String(q.headers['x-opentrain-event-id'])) ?? Number.NaN))
      .filter(Number.isFinite)
      .sort((a, b) => a - b);

    await worker.stop();
    const rawAfter = await rawPosts(`${receiver.url}/raw`, baselineBody, events * WEBHOOKS, CONCURRENCY);
    const rawPostsPerSec = (rawBefore + rawAfter) / 2;
    // Latency baseline: the same paced stream as plain POSTs (no outbox, no worker, no signing).
    const rawLatencies = await rawPostLatencies(`${receiver.url}/raw`, baselineBody, latencyEvents, 10);
    return {
      name: 'webhook deliveries/s (outbox → fan-out → signed POST → log, live worker) vs plain POST loop, loopback receiver',
      db: driver,
      events,
      webhooks: WEBHOOKS,
      deliveries: burstDelivered,
      complete: burstComplete && paceComplete,
      deliveriesPerSec,
      rawPostsPerSec,
      rawPostsPerSecBefore: rawBefore,
      rawPostsPerSecAfter: rawAfter,
      ratio: deliveriesPerSec / rawPostsPerSec,
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      latencySamples: latencies.length,
      rawPostLatencyP50Ms: percentile(rawLatencies, 50),
      rawPostLatencyP99Ms: percentile(rawLatencies, 99),
      latencyRatioP50: percentile(latencies, 50) / percentile(rawLatencies, 50),
      latencyRatioP99: percentile(latencies, 99) / percentile(rawLatencies, 99),
      concurrency: CONCURRENCY,
      fanoutIntervalMs: FANOUT_INTERVAL_MS,
      pollIntervalMs: POLL_INTERVAL_MS,
    };
  } finally {
    await worker.stop();
    webhooks.close();
    await receiver.close();
    await drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await webhookBench();
  const fmt = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v));
  process.stdout.write(`webhooks: ${Object.entries(result).map(([k, v]) => `${k}=${fmt(v)}`).join(' ')}\n`);
}
