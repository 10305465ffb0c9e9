/**
 * The Reports tools over hosted MCP with both SDK generations: a read:reports key lists exactly the
 * four report tools (the minutes report is read:billing), reads the overview of a tenant with a
 * 12.5-minute session, and gets a custom period without `from` back as a tool error naming the field.
 */
import { ManualClock } from '@platform/kit';
import { CLIENT_GENERATIONS, connectMcpHttp, toolError } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceCall, pairDevice, startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';

let h: TrainArHarness;
let t: TenantFixture;
const clock = new ManualClock('2026-09-01T08:00:00Z');

beforeAll(async () => {
  h = await startHarness({ clock });
  t = await h.createTenant('MCP Reports Tenant');
  const device = await pairDevice(h, t.tenantId);
  const started = await deviceCall(h, device.credential, 'POST', '/v1/device/sessions', { role: 'trainer' });
  for (let i = 0; i < 25; i++) {
    clock.advance(30_000); // 12.5 minutes on the server's clock, beating like glasses do
    await deviceCall(h, device.credential, 'POST', `/v1/device/sessions/${started.body.id}/heartbeat`);
  }
  await deviceCall(h, device.credential, 'POST', `/v1/device/sessions/${started.body.id}/stop`);
});
afterAll(() => h?.close());

for (const generation of CLIENT_GENERATIONS) {
  describe(`Reports tools over hosted MCP, ${generation} client`, () => {
    it('lists the report tools for read:reports and reads the overview', async () => {
      const key = (await h.createKey(t.tenantId, ['read:reports'])).key;
      const client = await connectMcpHttp(generation, `${h.url}/mcp`, { Authorization: `Bearer ${key}` });
      try {
        const names = (await client.listTools()).tools.map((tool) => tool.name).sort();
        expect(names).toEqual(['get_reports_overview', 'get_sessions_report', 'get_tasks_report', 'get_users_report']);
        const overview = await client.callTool('get_reports_overview', { period: '7d' });
        expect(overview.structuredContent).toMatchObject({ total_sessions: { value: 1 }, minutes_used: { value: 12.5 } });
        expect((overview.content as Array<{ text: string }>)[0].text).toContain('12.5 minutes');
        const sessions = await client.callTool('get_sessions_report', { period: '12m' });
        expect(sessions.structuredContent).toMatchObject({ total: 1, by_role: { trainer: 1, trainee: 0 } });
        expect(toolError(await client.callTool('get_users_report', { period: 'custom' }))).toMatchObject({ status: 400, details: { field: 'from' } });
      } finally {
        await client.close();
      }
    });
  });
}
