/**
 * The four webhook tools over hosted MCP (/mcp) with both official client generations: the same
 * scope as REST (manage:webhooks), endpoints created by MCP carry source "mcp", the secret is in the
 * create result only, webhook_id addresses update and delete, and errors are tool errors.
 */
import { CLIENT_GENERATIONS, connectMcpHttp, toolError } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';

let h: TrainArHarness;
let t: TenantFixture;

beforeAll(async () => {
  h = await startHarness({ settings: { webhookUrlAllowance: 'loopback' } });
  t = await h.createTenant('MCP Webhook Tenant');
});
afterAll(() => h?.close());

for (const generation of CLIENT_GENERATIONS) {
  const connect = (key: string) => connectMcpHttp(generation, `${h.url}/mcp`, { Authorization: `Bearer ${key}` });

  describe(`webhook tools, ${generation} client`, () => {
    it('create, list, update and delete a webhook with manage:webhooks', async () => {
      const client = await connect((await h.createKey(t.tenantId, ['manage:webhooks'])).key);
      try {
        expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual(['create_webhook', 'delete_webhook', 'list_webhooks', 'update_webhook']);
        const created = await client.callTool('create_webhook', { url: 'http://127.0.0.1:9/agent-hook', events: ['skill.executed'] });
        expect(created.isError).toBeFalsy();
        const hook = created.structuredContent as { id: string; secret: string; source: string };
        expect(hook).toMatchObject({ source: 'mcp', events: ['skill.executed'], is_active: true, secret: expect.stringMatching(/^whsec_/) });
        const listed = (await client.callTool('list_webhooks', {})).structuredContent as { webhooks: Array<Record<string, unknown>> };
        const entry = listed.webhooks.find((w) => w.id === hook.id);
        expect(entry).toMatchObject({ url: 'http://127.0.0.1:9/agent-hook' });
        expect(JSON.stringify(listed)).not.toContain(hook.secret);
        const updated = await client.callTool('update_webhook', { webhook_id: hook.id, events: ['task.created', 'task.completed'], is_active: false });
        expect(updated.structuredContent).toMatchObject({ id: hook.id, events: ['task.created', 'task.completed'], is_active: false });
        expect((await client.callTool('delete_webhook', { webhook_id: hook.id })).structuredContent).toEqual({ deleted: true, id: hook.id });
        expect(toolError(await client.callTool('delete_webhook', { webhook_id: hook.id }))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
        const refused = toolError(await client.callTool('create_webhook', { url: 'http://10.1.2.3/x', events: ['task.created'] }));
        expect(refused).toMatchObject({ status: 400, details: { field: 'url' } });
      } finally {
        await client.close();
      }
    });

    it('refuses the webhook tools to a key without manage:webhooks, naming the scope', async () => {
      const client = await connect((await h.createKey(t.tenantId, ['read:users'])).key);
      try {
        const denied = toolError(await client.callTool('list_webhooks', {}));
        expect(denied).toMatchObject({ status: 403, details: { requiredScopes: ['manage:webhooks'] } });
      } finally {
        await client.close();
      }
    });
  });
}
