/**
 * `npm run bench`: runs every benchmark; each prints a ratio against a baseline measured in the
 * same run. `npm run bench -- kit` runs the ones whose name contains "kit".
 */
import { kitOverhead } from './kit-overhead';
import { knowledgeBench } from './knowledge';
import { loadBench } from './load';
import { mcpBench } from './mcp';
import { mcpHostedBench } from './mcp-hosted';
import { mcpTokensBench } from './mcp-tokens';
import { searchBench } from './search';
import { startupBench } from './startup';
import { webhookBench } from './webhooks';

// Silence the sample app's access log during measurement.
process.env.LOG_LEVEL = 'silent';

const benchmarks: Record<string, () => Promise<Record<string, unknown>>> = {
  'kit-overhead': kitOverhead,
  webhooks: webhookBench as () => Promise<Record<string, unknown>>,
  mcp: mcpBench,
  'mcp-tokens': mcpTokensBench,
  'mcp-hosted': mcpHostedBench,
  search: searchBench,
  startup: startupBench,
  load: loadBench,
  knowledge: knowledgeBench,
};

const filter = process.argv[2];
for (const [name, run] of Object.entries(benchmarks)) {
  if (filter && !name.includes(filter)) continue;
  const result = await run();
  const fmt = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v));
  process.stdout.write(`${name}: ${Object.entries(result).map(([k, v]) => `${k}=${fmt(v)}`).join(' ')}\n`);
}
// The knowledge bench's harness leaves a handle open after close (see bench/knowledge.ts): without
// this the run never ends once every benchmark has printed.
process.exit(0);
