/**
 * `npm start` (through scripts/start.mjs, which runs this file bundled): starts both apps at
 * once on the embedded default (PGlite under DATA_DIR, fresh directories copied from a cached
 * pre-migrated template) or on DATABASE_URL, then prints the URLs and a copy-paste MCP client
 * configuration for each product. If either app cannot start (e.g. its data directory is held
 * by another process) the other is stopped and the process exits 1 with the reason.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, createLogger, DataDirBusyError, envPort, loadConfig, z } from '@platform/kit';
import { openTrainEnvOptions, startOpenTrain } from '@opentrain/server';
import { startTrainAr } from '@trainar/server';

const logger = createLogger({ name: 'start' });

let config: ReturnType<typeof load>;
let opentrainEnv: ReturnType<typeof openTrainEnvOptions>;
function load() {
  return loadConfig(
    z.object({
      OPENTRAIN_PORT: envPort.default(3000),
      TRAINAR_PORT: envPort.default(3100),
      HOST: z.string().default('127.0.0.1'),
      DATA_DIR: z.string().default('./.data'),
      DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL').optional(),
      /** Connections per product (each product has its own pool, so an instance holds up to twice this). */
      DATABASE_POOL_SIZE: z.coerce.number({ message: 'expected a whole number of connections' }).int().min(1).max(500).default(10),
      /** Pre-migrated embedded templates (one per migration set); fresh data directories copy them. */
      TEMPLATE_CACHE_DIR: z.string().default(fileURLToPath(new URL('../node_modules/.cache/agent-platforms/templates', import.meta.url))),
    }),
  );
}
try {
  config = load();
  opentrainEnv = openTrainEnvOptions();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  throw err;
}

const common = { host: config.HOST, dataDir: resolve(config.DATA_DIR), databaseUrl: config.DATABASE_URL, databasePoolSize: config.DATABASE_POOL_SIZE, templateCacheDir: resolve(config.TEMPLATE_CACHE_DIR) };
const [opentrainStart, trainarStart] = await Promise.allSettled([
  startOpenTrain({ ...common, ...opentrainEnv, port: config.OPENTRAIN_PORT, logger: createLogger({ name: 'opentrain' }) }),
  startTrainAr({ ...common, port: config.TRAINAR_PORT, logger: createLogger({ name: 'trainar' }) }),
]);
if (opentrainStart.status === 'rejected' || trainarStart.status === 'rejected') {
  const started = [opentrainStart, trainarStart].flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  await Promise.allSettled(started.map((app) => app.close()));
  const reasons = [opentrainStart, trainarStart].flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  // The message only: an error object's own fields are never printed wholesale.
  for (const reason of reasons) {
    const text = !(reason instanceof Error) ? String(reason) : reason instanceof DataDirBusyError || reason instanceof ConfigError ? reason.message : (reason.stack ?? reason.message);
    process.stderr.write(`Could not start: ${text}\n`);
  }
  process.exit(1);
}
const opentrain = opentrainStart.value;
const trainar = trainarStart.value;

const storage = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${common.dataDir}`;
process.stdout.write(
  [
    '',
    `Storage: ${storage}`,
    '',
    `OpenTrain  ${opentrain.url}`,
    `  Public API   ${opentrain.url}/api/public/v1  (OpenAPI: ${opentrain.url}/api/public/v1/openapi.json)`,
    `  Agent start  ${opentrain.url}/llms.txt${opentrainEnv.smtpUrl ? '' : `  (sandbox mail: ${opentrain.url}/dev/mail)`}`,
    '  MCP (stdio) client configuration:',
    indent(JSON.stringify({ mcpServers: { opentrain: { ...openTrainMcpCommand(), env: { OPENTRAIN_API_BASE_URL: opentrain.url } } } }, null, 2)),
    `  MCP (Streamable HTTP) ${opentrain.url}/mcp with Authorization: Bearer ot_pat_…`,
    '',
    `TrainAR    ${trainar.url}`,
    `  Tenant API   ${trainar.url}/v1  (OpenAPI: ${trainar.url}/v1/openapi.json)`,
    `  Dashboard    ${trainar.url}/signup${trainar.extra.mailer.kind === 'sandbox' ? `  (sandbox mail: ${trainar.url}/dev/mail)` : ''}`,
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
  await Promise.allSettled([opentrain.close(), trainar.close()]);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
