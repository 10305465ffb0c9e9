/**
 * Hosted MCP per-call cost: TrainAR `tools/call list_users` over Streamable HTTP (stateless 2025
 * era: one POST per call, the server built per request) vs the same `GET /v1/api-tenant-users`
 * over REST, against one app, interleaved, at a fixed concurrency; plus `tools/list`.
 * Reports requests per second and the MCP/REST ratio (issue 16: per-request work only what
 * depends on the caller).
 *
 * Standalone: `npx tsx bench/mcp-hosted.ts`. BENCH_MCP_HOSTED_CALLS (default 600), BENCH_MCP_HOSTED_CONCURRENCY (default 10).
 */
import { SCOPES } from '@trainar/api';
import { startHarness } from '../packages/trainar-server/src/testing/index';

export async function mcpHostedBench() {
  const calls = Number(process.env.BENCH_MCP_HOSTED_CALLS ?? 600);
  const concurrency = Number(process.env.BENCH_MCP_HOSTED_CONCURRENCY ?? 10);
  const h = await startHarness();
  try {
    const t = await h.createTenant('Bench tenant');
    const { key } = await h.createKey(t.tenantId, SCOPES);
    const auth = { Authorization: `Bearer ${key}` };
    const mcpHeaders = { ...auth, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'MCP-Protocol-Version': '2025-06-18' };
    const rpc = (method: string, params: Record<string, unknown>) => JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
    const viaMcp = async (method: string, params: Record<string, unknown>) => {
      const res = await fetch(`${h.url}/mcp`, { method: 'POST', headers: mcpHeaders, body: rpc(method, params) });
      const body = await res.text();
      if (res.status !== 200 || body.includes('"isError":true') || body.includes('"error"')) throw new Error(`MCP ${method}: ${res.status} ${body.slice(0, 300)}`);
    };
    const viaRest = async () => {
      const res = await fetch(`${h.url}/v1/api-tenant-users?limit=5`, { headers: auth });
      if (res.status !== 200) throw new Error(`REST: ${res.status}`);
      await res.arrayBuffer();
    };
    const call = () => viaMcp('tools/call', { name: 'list_users', arguments: { limit: 5 } });
    const list = () => viaMcp('tools/list', {});
    const rate = async (fn: () => Promise<void>) => {
      let left = calls;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (left-- > 0) await fn();
        }),
      );
      return calls / ((performance.now() - started) / 1000);
    };
    for (let i = 0; i < 50; i++) {
      await call();
      await viaRest();
      await list();
    }
    // Interleaved rounds so machine load hits each path alike; medians.
    const mcp: number[] = [];
    const rest: number[] = [];
    const lists: number[] = [];
    for (let round = 0; round < 3; round++) {
      mcp.push(await rate(call));
      rest.push(await rate(viaRest));
      lists.push(await rate(list));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    return {
      name: 'TrainAR hosted MCP tools/call vs REST (same query, same key)',
      mcpCallsPerSecond: median(mcp),
      restCallsPerSecond: median(rest),
      mcpToRestRatio: median(mcp) / median(rest),
      toolsListPerSecond: median(lists),
      concurrency,
    };
  } finally {
    await h.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.env.LOG_LEVEL ??= 'silent';
  const result = await mcpHostedBench();
  for (const [k, v] of Object.entries(result)) process.stdout.write(`${k}: ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : v}\n`);
}
