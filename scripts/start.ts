/**
 * `npm start` (through scripts/start.mjs, which runs this file bundled): starts both apps at
 * once, each in a worker thread of its own (scripts/start-worker.ts), on the embedded default (PGlite under DATA_DIR, fresh directories copied from a cached
 * pre-migrated template) or on DATABASE_URL, then prints the URLs and a copy-paste MCP client
 * configuration for each product. If either app cannot start (e.g. its data directory is held
 * by another process) the other is stopped and the process exits 1 with the reason.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError, createLogger, envPort, loadConfig, z } from '@platform/kit';
import type { StartWorkerData, StartWorkerMessage } from './start-worker';

const logger = createLogger({ name: 'start' });

let config: ReturnType<typeof load>;
function load() {
  return loadConfig(
    z.object({
      OPENTRAIN_PORT: envPort.default(3000),
      TRAINAR_PORT: envPort.default(3100),
      HOST: z.string().default('127.0.0.1'),
      DATA_DIR: z.string().default('./.data'),
      DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL').optional(),
      /** Pre-migrated embedded templates (one per migration set); fresh data directories copy them. */
      TEMPLATE_CACHE_DIR: z.string().default(fileURLToPath(new URL('../node_modules/.cache/agent-platforms/templates', import.meta.url))),
    }),
  );
}
try {
  config = load();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  throw err;
}

/** The bundled worker entry beside this bundle; scripts/start.mjs, which builds both, says where. */
const workerEntry: string = process.env.START_WORKER_ENTRY ?? missingWorkerEntry();
function missingWorkerEntry(): never {
  process.stderr.write('scripts/start.ts runs through `npm start` (node scripts/start.mjs), which builds its worker bundle\n');
  process.exit(2);
}

interface RunningProduct {
  worker: Worker;
  outcome: Promise<Extract<StartWorkerMessage, { type: 'ready' | 'failed' }>>;
  stopped: Promise<void>;
}

function startWorker(data: StartWorkerData): RunningProduct {
  const worker = new Worker(workerEntry, { workerData: data });
  let settle: (m: Extract<StartWorkerMessage, { type: 'ready' | 'failed' }>) => void = () => {};
  const outcome = new Promise<Extract<StartWorkerMessage, { type: 'ready' | 'failed' }>>((r) => {
    settle = r;
  });
  const stopped = new Promise<void>((resolveStopped) => {
    worker.on('message', (message: StartWorkerMessage) => {
      if (message.type === 'stopped') resolveStopped();
      else settle(message);
    });
    worker.on('error', (err) => settle({ type: 'failed', text: err.stack ?? err.message }));
    worker.on('exit', (code) => {
      settle({ type: 'failed', text: `the ${data.product} worker exited with code ${code} before it was ready` });
      resolveStopped();
    });
  });
  return { worker, outcome, stopped };
}

async function stopProducts(products: RunningProduct[]): Promise<void> {
  for (const p of products) p.worker.postMessage({ type: 'stop' });
  await Promise.all(products.map((p) => p.stopped));
  await Promise.all(products.map((p) => p.worker.terminate()));
}

const common = { host: config.HOST, dataDir: resolve(config.DATA_DIR), databaseUrl: config.DATABASE_URL, templateCacheDir: resolve(config.TEMPLATE_CACHE_DIR) };
const products = [
  startWorker({ ...common, product: 'opentrain', port: config.OPENTRAIN_PORT }),
  startWorker({ ...common, product: 'trainar', port: config.TRAINAR_PORT }),
];
const [opentrain, trainar] = await Promise.all(products.map((p) => p.outcome));
if (opentrain.type === 'failed' || trainar.type === 'failed') {
  await stopProducts(products);
  const failures = [opentrain, trainar].flatMap((o) => (o.type === 'failed' ? [o] : []));
  for (const failure of failures) process.stderr.write(`Could not start: ${failure.text}\n`);
  process.exit(1);
}

const storage = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${common.dataDir}`;
process.stdout.write(
  [
    '',
    `Storage: ${storage}`,
    '',
    `OpenTrain  ${opentrain.url}`,
    `  Public API   ${opentrain.url}/api/public/v1  (OpenAPI: ${opentrain.url}/api/public/v1/openapi.json)`,
    `  Agent start  ${opentrain.url}/llms.txt${opentrain.sandboxMail ? `  (sandbox mail: ${opentrain.url}/dev/mail)` : ''}`,
    '  MCP (stdio) client configuration:',
    indent(JSON.stringify({ mcpServers: { opentrain: { ...openTrainMcpCommand(), env: { OPENTRAIN_API_BASE_URL: opentrain.url } } } }, null, 2)),
    `  MCP (Streamable HTTP) ${opentrain.url}/mcp with Authorization: Bearer ot_pat_…`,
    '',
    `TrainAR    ${trainar.url}`,
    `  Tenant API   ${trainar.url}/v1  (OpenAPI: ${trainar.url}/v1/openapi.json)`,
    `  Dashboard    ${trainar.url}/signup${trainar.sandboxMail ? `  (sandbox mail: ${trainar.url}/dev/mail)` : ''}`,
    '  MCP client configuration (mint a key with `npx trainar-admin create-key`); SSE at /sse as documented, Streamable HTTP at /mcp:',
    indent(JSON.stringify({ mcpServers: { trainar: { type: 'sse', url: `${trainar.url}/sse`, headers: { Authorization: 'Bearer tak_...' } } } }, null, 2)),
    `    claude mcp add --transport sse trainar ${trainar.url}/sse --header "Authorization: Bearer tak_..."`,
    `    claude mcp add --transport http trainar ${trainar.url}/mcp --header "Authorization: Bearer tak_..."`,
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);

/** The bundle `npm install` builds (an absolute path, so any client working directory works); the sources through tsx when it is missing. */
function openTrainMcpCommand() {
  const bundle = resolve('packages/opentrain-mcp/dist/index.js');
  return existsSync(bundle) ? { command: 'node', args: [bundle] } : { command: 'npx', args: ['-y', 'tsx', resolve('packages/opentrain-mcp/src/index.ts')] };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await stopProducts(products);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
