/**
 * One app instance for the multi-instance load bench and the soak run (bench/load-cluster.ts,
 * bench/soak.ts): OpenTrain and TrainAR on DATABASE_URL (shared by every instance), like `npm start`,
 * but with the rate limits raised (so 429s do not count) and the sandbox marketplace off. Prints
 * `OpenTrain <url>` and `TrainAR <url>` as `npm start` does (scripts/start-process.ts reads them).
 * With BENCH_MEMORY_SAMPLE_MS it also prints `memory {json}` lines: RSS and the heap after a full
 * collection (run node with --expose-gc), what the soak run's slope check reads.
 */
import { createLogger } from '@platform/kit';
import { startOpenTrain } from '../packages/opentrain-server/src/main';
import { DEFAULT_LIMITS, type OpenTrainLimits } from '../packages/opentrain-server/src/platform/limits';
import { startTrainAr } from '../packages/trainar-server/src/main';

const RAISED = { limit: 1_000_000_000, windowSeconds: 60 };
const limits: Partial<OpenTrainLimits> = Object.fromEntries(
  Object.entries(DEFAULT_LIMITS).map(([name, value]) => [name, typeof value === 'number' ? value : RAISED]),
);

const common = { host: '127.0.0.1', port: 0, databaseUrl: process.env.DATABASE_URL, devMode: true };
const opentrain = await startOpenTrain({ ...common, limits: { ...limits, maxActiveTokens: 1_000_000 }, logger: createLogger({ name: 'opentrain', level: 'warn' }), settings: { sandboxMarketplace: false } });
const trainar = await startTrainAr({ ...common, settings: { apiRateLimitPerMinute: 0 }, logger: createLogger({ name: 'trainar', level: 'warn' }) });
process.stdout.write(`OpenTrain ${opentrain.url}\nTrainAR ${trainar.url}\n`);

const sampleEvery = Number(process.env.BENCH_MEMORY_SAMPLE_MS ?? 0);
const collect = (globalThis as { gc?: () => void }).gc;
const sampler =
  sampleEvery > 0
    ? setInterval(() => {
        collect?.();
        const m = process.memoryUsage();
        process.stdout.write(`memory ${JSON.stringify({ at: Date.now(), rssMb: m.rss / 2 ** 20, heapUsedMb: m.heapUsed / 2 ** 20, collected: Boolean(collect) })}\n`);
      }, sampleEvery)
    : undefined;

let stopping = false;
process.on('SIGTERM', async () => {
  if (stopping) return;
  stopping = true;
  if (sampler) clearInterval(sampler);
  await Promise.allSettled([opentrain.close(), trainar.close()]);
  process.exit(0);
});
