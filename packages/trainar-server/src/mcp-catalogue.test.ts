/**
 * The TrainAR catalogue over hosted MCP: a full-scope key lists every tool of the registry (REST-only
 * operations aside), which holds every tool of the seed's catalogue, and
 * every tool is called once through an MCP client (both SDK generations) with its operation case
 * aimed at ids that exist nowhere. Each call reaches its handler: a result, or a domain error
 * (NOT_FOUND, CONFLICT), never a protocol fault, a permission refusal, an invalid input or a 5xx.
 */

import { CLIENT_GENERATIONS, connectMcpHttp, toolError } from '@platform/kit/testing';
import { operations, SCOPES } from '@trainar/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWLEDGE_TOOLS } from './knowledge/testing';
import { ghostTarget, mcpArguments, operationCases, startHarness, type TenantFixture, type TrainArHarness } from './testing/index';

/**
 * The seed's catalogue (reference/trainar-spec.md section 6: 67 tools in 12 categories, names [S]).
 * The registry may add tools (seats, minute packs); it may not miss one of these.
 */
const SEED_TOOLS = [
  'list_api_keys',
  'create_api_key',
  'revoke_api_key',
  'get_subscription',
  'create_subscription',
  'update_subscription',
  'cancel_subscription',
  'get_billing_details',
  'get_usage_balance',
  'get_minute_transactions',
  'list_devices',
  'get_device',
  'generate_pairing_code',
  'unpair_device',
  'list_orders',
  'list_integrations',
  'list_tenant_integrations',
  'get_integration_connect_url',
  'get_integration_status',
  'disconnect_integration',
  'trigger_sync',
  ...KNOWLEDGE_TOOLS,
  'get_reports_overview',
  'get_sessions_report',
  'get_users_report',
  'get_minutes_report',
  'get_tasks_report',
  'list_sessions',
  'get_session',
  'get_session_analytics',
  'list_skills',
  'get_skill',
  'create_skill',
  'update_skill',
  'delete_skill',
  'execute_skill',
  'list_tasks',
  'get_task',
  'create_task',
  'update_task',
  'delete_task',
  'get_account',
  'update_account',
  'get_account_settings',
  'list_users',
  'get_user',
  'invite_user',
  'update_user_role',
  'deactivate_user',
  'reactivate_user',
  'list_webhooks',
  'create_webhook',
  'update_webhook',
  'delete_webhook',
];

/** The operations that are MCP tools (a few are REST-only, e.g. for the n8n node). */
const tools = operations.filter((op) => !op.exclude?.includes('mcp'));

let h: TrainArHarness;
let t: TenantFixture;

beforeAll(async () => {
  h = await startHarness();
  t = await h.createTenant('MCP Catalogue Tenant');
});
afterAll(() => h?.close());

for (const generation of CLIENT_GENERATIONS) {
  describe(`the whole catalogue over hosted MCP, ${generation} client`, () => {
    it('lists every tool for a full-scope key and calls each one', async () => {
      const client = await connectMcpHttp(generation, `${h.url}/mcp`, { Authorization: `Bearer ${(await h.createKey(t.tenantId, SCOPES)).key}` });
      try {
        const listed = (await client.listTools()).tools.map((tool) => tool.name).sort();
        expect(listed).toEqual(tools.map((op) => op.name).sort());
        expect(SEED_TOOLS).toHaveLength(67);
        expect(SEED_TOOLS.filter((name) => !listed.includes(name))).toEqual([]);
        const outcomes: Record<string, string> = {};
        for (const op of tools) {
          const result = await client.callTool(op.name, mcpArguments(op.name, operationCases[op.name].input(ghostTarget())));
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
