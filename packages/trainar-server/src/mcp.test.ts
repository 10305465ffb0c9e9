/**
 * The hosted MCP endpoint (/mcp, Streamable HTTP) serves the same operations with the same key
 * rules, to both official client generations (v1 `@modelcontextprotocol/sdk` validates
 * structuredContent even on errors; v2 `@modelcontextprotocol/client`): tools are listed by
 * scope, a documented tool the key may not use answers a tool error naming the scope, results
 * carry the REST body, and every error (not found, invalid field, conflict) reaches the client as
 * a tool error whose text carries status, code, details and request id.
 */
import { SCOPES } from '@trainar/api';
import { CLIENT_GENERATIONS, connectMcpHttp, toolError } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOWLEDGE_TOOLS } from './knowledge/testing';
import { startHarness, type TenantFixture, type TrainArHarness } from './testing/index';

let h: TrainArHarness;
let t: TenantFixture;

beforeAll(async () => {
  h = await startHarness();
  t = await h.createTenant('MCP Tenant');
});
afterAll(() => h?.close());

for (const generation of CLIENT_GENERATIONS) {
  const connect = (key: string, headers: Record<string, string> = {}) => connectMcpHttp(generation, `${h.url}/mcp`, { Authorization: `Bearer ${key}`, ...headers });

  describe(`hosted MCP at /mcp, ${generation} client`, () => {
    it('lists only the tools the key allows and returns the REST body as structuredContent', async () => {
      const client = await connect((await h.createKey(t.tenantId, ['read:users'])).key);
      try {
        const { tools } = await client.listTools();
        expect(tools.map((tool) => tool.name).sort()).toEqual(['get_user', 'list_seats', 'list_users']);
        const res = await client.callTool('list_users', { limit: 5 });
        expect(res.isError).toBeFalsy();
        expect(res.structuredContent).toMatchObject({ users: [{ id: t.adminId }] });
      } finally {
        await client.close();
      }
    });

    it('answers a documented tool the key may not use with a permission error naming the scope', async () => {
      const client = await connect((await h.createKey(t.tenantId, ['read:users'])).key);
      try {
        const denied = toolError(await client.callTool('invite_user', { email: 'nobody@example.com', full_name: 'No Body' }));
        expect(denied).toMatchObject({ status: 403, details: { requiredScopes: ['manage:users'] } });
        expect(denied.text).toContain('manage:users');
        expect(denied.requestId).toBeTruthy();
      } finally {
        await client.close();
      }
    });

    it('exposes the seed catalogue names with all scopes; not found, invalid field and conflict are tool errors', async () => {
      const client = await connect((await h.createKey(t.tenantId, SCOPES)).key);
      try {
        const names = (await client.listTools()).tools.map((tool) => tool.name).sort();
        expect(names).toEqual(
          [
            ...['create_api_key', 'deactivate_user', 'get_account', 'get_account_settings', 'get_user', 'invite_user', 'list_api_keys', 'list_users', 'reactivate_user', 'revoke_api_key', 'update_account', 'update_user_role'],
            ...['list_tasks', 'get_task', 'create_task', 'update_task', 'delete_task'],
            ...['list_skills', 'get_skill', 'create_skill', 'update_skill', 'delete_skill', 'execute_skill'],
            ...['list_webhooks', 'create_webhook', 'update_webhook', 'delete_webhook'],
            ...KNOWLEDGE_TOOLS,
            ...['list_devices', 'get_device', 'generate_pairing_code', 'unpair_device', 'list_orders', 'list_sessions', 'get_session', 'get_session_analytics'],
            ...['list_seats', 'add_seat', 'update_seat', 'remove_seat', 'register_seat_serial', 'order_seat_hardware'],
            ...['get_subscription', 'create_subscription', 'update_subscription', 'cancel_subscription', 'get_billing_details', 'get_usage_balance', 'get_minute_transactions', 'buy_minute_pack', 'get_minutes_report'],
            ...['list_integrations', 'list_tenant_integrations', 'get_integration_connect_url', 'get_integration_status', 'disconnect_integration', 'trigger_sync'],
            ...['get_reports_overview', 'get_sessions_report', 'get_users_report', 'get_tasks_report'],
          ].sort(),
        );
        const other = await h.createTenant(`Other MCP Tenant ${generation}`);
        expect(toolError(await client.callTool('get_user', { user_id: other.adminId }))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
        const invalid = toolError(await client.callTool('invite_user', { email: 'not-an-email', full_name: 'X' }));
        expect(invalid).toMatchObject({ status: 400, code: 'BAD_REQUEST', details: { field: 'email' } });
        expect(invalid.text).toContain('Next step: fix the field "email"');
        const taken = toolError(await client.callTool('invite_user', { email: t.adminEmail, full_name: 'Again' }));
        expect(taken).toMatchObject({ status: 409, code: 'CONFLICT', details: { field: 'email' } });
      } finally {
        await client.close();
      }
    });

    it('lists output schemas only on request (X-MCP-Output-Schemas: 1); errors still pass the v1 check', async () => {
      const key = (await h.createKey(t.tenantId, ['read:users'])).key;
      const plain = await connect(key);
      try {
        expect((await plain.listTools()).tools.every((tool) => tool.outputSchema === undefined)).toBe(true);
      } finally {
        await plain.close();
      }
      const typed = await connect(key, { 'X-MCP-Output-Schemas': '1' });
      try {
        expect((await typed.listTools()).tools.every((tool) => tool.outputSchema?.type === 'object')).toBe(true);
        expect((await typed.callTool('get_user', { user_id: t.adminId })).structuredContent).toMatchObject({ id: t.adminId });
        expect(toolError(await typed.callTool('get_user', { user_id: crypto.randomUUID() }))).toMatchObject({ status: 404 });
      } finally {
        await typed.close();
      }
    });
  });
}

describe('hosted MCP authentication', () => {
  it('refuses a request without a valid key with 401 and the TrainAR envelope', async () => {
    for (const auth of [undefined, 'Bearer tak_bad']) {
      const res = await fetch(`${h.url}/mcp`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...(auth ? { Authorization: auth } : {}) },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toContain('Bearer');
      expect(await res.json()).toMatchObject({ error: 'UNAUTHORIZED' });
    }
  });
});

describe('hosted MCP, 2025-era requests over plain HTTP', () => {
  const post = (key: string, body: string, contentType = 'application/json') =>
    fetch(`${h.url}/mcp`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': contentType, Accept: 'application/json, text/event-stream' },
      body,
    });

  it('answers a tools/call with one JSON body, not an event stream', async () => {
    const key = (await h.createKey(t.tenantId, ['read:users'])).key;
    const res = await post(key, JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'list_users', arguments: {} } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const reply = (await res.json()) as { id: number; result: { isError?: boolean; structuredContent: unknown } };
    expect(reply.id).toBe(7);
    expect(reply.result.isError).toBeFalsy();
    expect(reply.result.structuredContent).toMatchObject({ users: [{ id: t.adminId }] });
  });

  it('still answers what is not a JSON POST as the SDK does: bad JSON, wrong content type, GET', async () => {
    const key = (await h.createKey(t.tenantId, ['read:users'])).key;
    const badJson = await post(key, '{"jsonrpc":');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { code: -32700 } });
    const wrongType = await post(key, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }), 'text/plain');
    expect(wrongType.status).toBe(415);
    const get = await fetch(`${h.url}/mcp`, { headers: { Authorization: `Bearer ${key}`, Accept: 'text/event-stream' } });
    expect(get.status).toBe(405);
  });
});
