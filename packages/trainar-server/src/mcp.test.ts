/**
 * The hosted MCP endpoint (/mcp, Streamable HTTP) serves the same operations with the same key
 * rules: tools are listed by scope, results carry the REST body, another tenant's resources are
 * NOT_FOUND. (The full hosted TrainAR MCP server, with the legacy SSE transport, is a later issue.)
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { SCOPES } from '@trainar/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from './testing/index';

let h: TrainArHarness;
let t: TenantFixture;

beforeAll(async () => {
  h = await startHarness();
  t = await h.createTenant('MCP Tenant');
});
afterAll(() => h?.close());

async function connect(key: string) {
  const client = new Client({ name: 'trainar-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${h.url}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${key}` } } }));
  return client;
}

describe('hosted MCP at /mcp', () => {
  it('lists only the tools the key allows and returns the REST body as structuredContent', async () => {
    const client = await connect((await h.createKey(t.tenantId, ['read:users'])).key);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(['get_user', 'list_users']);
      const res = await client.callTool({ name: 'list_users', arguments: { limit: 5 } });
      expect(res.isError).toBeFalsy();
      expect(res.structuredContent).toMatchObject({ total: 1, users: [{ id: t.adminId }] });
    } finally {
      await client.close();
    }
  });

  it('exposes the seed catalogue names for these domains with all scopes, and keeps tenants apart', async () => {
    const client = await connect((await h.createKey(t.tenantId, SCOPES)).key);
    try {
      const names = (await client.listTools()).tools.map((tool) => tool.name).sort();
      expect(names).toEqual(
        ['create_api_key', 'deactivate_user', 'get_account', 'get_account_settings', 'get_user', 'invite_user', 'list_api_keys', 'list_users', 'reactivate_user', 'revoke_api_key', 'update_account', 'update_user_role'].sort(),
      );
      const other = await h.createTenant('Other MCP Tenant');
      const res = await client.callTool({ name: 'get_user', arguments: { user_id: other.adminId } });
      expect(res.isError).toBe(true);
      expect(res.structuredContent).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    } finally {
      await client.close();
    }
  });

  it('refuses a request without a valid key with 401 and the TrainAR envelope', async () => {
    const res = await fetch(`${h.url}/mcp`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', Authorization: 'Bearer tak_bad' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'UNAUTHORIZED' });
  });
});
