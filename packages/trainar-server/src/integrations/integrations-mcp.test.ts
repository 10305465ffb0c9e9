/**
 * The six Integrations tools over hosted MCP (/mcp) with both SDK generations, against a real
 * OAuth 2.0 server and a ServiceM8-shaped API: an agent lists providers, gets a connect URL (a
 * person consents), reads the status after the first sync, triggers another sync and disconnects;
 * read:integrations sees only the read tools and is refused the writes with the scope named.
 */
import { CLIENT_GENERATIONS, connectMcpHttp, toolError } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiPeer, consent, type OAuthPeer, peerSettings, startApiPeer, startOAuthPeer } from '../testing/integration-peers';
import { startHarness, type TrainArHarness } from '../testing/index';

let h: TrainArHarness;
let oauth: OAuthPeer;
let api: ApiPeer;

beforeAll(async () => {
  oauth = await startOAuthPeer();
  api = await startApiPeer();
  api.jobs.push({ uuid: 'mcp-job-1', active: 1, status: 'Work Order', generated_job_id: '7', job_description: 'Check the compressor' });
  h = await startHarness({ settings: { integrations: peerSettings(oauth, api) } });
}, 60_000);
afterAll(async () => {
  await h?.close();
  await api?.close();
  await oauth?.close();
});

type Tool = { structuredContent?: unknown; content?: unknown; isError?: boolean };
const data = (r: Tool) => r.structuredContent as Record<string, unknown>;

for (const generation of CLIENT_GENERATIONS) {
  describe(`Integrations tools over hosted MCP, ${generation} client`, () => {
    it('lists providers, connects ServiceM8, reads the status, syncs and disconnects', async () => {
      const t = await h.createTenant(`MCP Integrations ${generation}`);
      const client = await connectMcpHttp(generation, `${h.url}/mcp`, { Authorization: `Bearer ${(await h.createKey(t.tenantId, ['manage:integrations'])).key}` });
      try {
        const providers = data(await client.callTool('list_integrations', {})).providers as { key: string }[];
        expect(providers.map((p) => p.key)).toEqual(['servicem8', 'acme']);
        const connect = await client.callTool('get_integration_connect_url', { provider: 'servicem8' });
        expect(connect.isError).toBeFalsy();
        expect((connect.content as Array<{ text: string }>)[0].text).toContain('get_integration_status');
        expect((await consent(data(connect).connect_url as string)).status).toBe(200);

        (h.app.extra.worker as { wake(): void }).wake();
        const status = await vi.waitFor(
          async () => {
            const s = data(await client.callTool('get_integration_status', { provider: 'servicem8' }));
            if (!s.last_sync_at) throw new Error('not synced yet');
            return s;
          },
          { timeout: 30_000, interval: 100 },
        );
        expect(status).toMatchObject({ status: 'connected', last_sync_status: 'succeeded', last_sync_summary: { created: 1 } });
        const listed = data(await client.callTool('list_tenant_integrations', {})).integrations as { id: string }[];
        expect(listed.map((i) => i.id)).toEqual([status.id]);

        const sync = await client.callTool('trigger_sync', { integration_id: status.id });
        expect(data(sync)).toMatchObject({ integration_id: status.id, provider: 'servicem8', queued: true });
        expect(toolError(await client.callTool('trigger_sync', {}))).toMatchObject({ status: 400, details: { field: 'provider' } });

        const off = await client.callTool('disconnect_integration', { provider: 'servicem8' });
        expect(data(off)).toMatchObject({ status: 'disconnected' });
        expect(toolError(await client.callTool('trigger_sync', { provider: 'servicem8' }))).toMatchObject({ status: 409 });
      } finally {
        await client.close();
      }
    });

    it('read:integrations lists the read tools only and is refused the writes', async () => {
      const t = await h.createTenant(`MCP Integrations readers ${generation}`);
      const client = await connectMcpHttp(generation, `${h.url}/mcp`, { Authorization: `Bearer ${(await h.createKey(t.tenantId, ['read:integrations'])).key}` });
      try {
        const names = (await client.listTools()).tools.map((tool) => tool.name).sort();
        expect(names).toEqual(['get_integration_status', 'list_integrations', 'list_tenant_integrations']);
        expect(toolError(await client.callTool('get_integration_connect_url', { provider: 'servicem8' }))).toMatchObject({ status: 403, code: 'INSUFFICIENT_PERMISSIONS', details: { requiredScopes: ['manage:integrations'] } });
        expect(toolError(await client.callTool('get_integration_status', { provider: 'servicem8' }))).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      } finally {
        await client.close();
      }
    });
  });
}
