/**
 * The TrainAR catalogue over hosted MCP: a full-scope key lists every tool of the registry (REST-only
 * operations aside), and
 * every tool is called once through an MCP client (both SDK generations) with its operation case
 * aimed at ids that exist nowhere. Each call reaches its handler: a result, or a domain error
 * (NOT_FOUND, CONFLICT), never a protocol fault, a permission refusal, an invalid input or a 5xx.
 */
import { operations, SCOPES } from '@trainar/api';
import { CLIENT_GENERATIONS, connectMcpHttp, toolError } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ghostTarget, operationCases, startHarness, type TenantFixture, type TrainArHarness } from './testing/index';

/** The operations that are MCP tools (a few are REST-only, e.g. for the n8n node). */
const tools = operations.filter((op) => !op.exclude?.includes('mcp'));

let h: TrainArHarness;
let t: TenantFixture;

beforeAll(async () => {
  h = await startHarness();
  t = await h.createTenant('MCP Catalogue Tenant');
});
afterAll(() => h?.close());

/** The MCP spelling of an input where the tool's schema renames a REST field (webhooks: webhook_id). */
function mcpInput(name: string, input: Record<string, unknown>): Record<string, unknown> {
  const op = operations.find((o) => o.name === name);
  if (!op?.mcpInput || !('endpoint_id' in input)) return input;
  const { endpoint_id, ...rest } = input;
  return { ...rest, webhook_id: endpoint_id };
}

for (const generation of CLIENT_GENERATIONS) {
  describe(`the whole catalogue over hosted MCP, ${generation} client`, () => {
    it('lists every tool for a full-scope key and calls each one', async () => {
      const client = await connectMcpHttp(generation, `${h.url}/mcp`, { Authorization: `Bearer ${(await h.createKey(t.tenantId, SCOPES)).key}` });
      try {
        const listed = (await client.listTools()).tools.map((tool) => tool.name).sort();
        expect(listed).toEqual(tools.map((op) => op.name).sort());
        const outcomes: Record<string, string> = {};
        for (const op of tools) {
          const result = await client.callTool(op.name, mcpInput(op.name, operationCases[op.name].input(ghostTarget())));
          outcomes[op.name] = result.isError ? String(toolError(result).status) : 'ok';
        }
        const unexpected = Object.entries(outcomes).filter(([, o]) => o !== 'ok' && !['404', '409'].includes(o));
        expect(unexpected).toEqual([]);
      } finally {
        await client.close();
      }
    }, 120_000);
  });
}
