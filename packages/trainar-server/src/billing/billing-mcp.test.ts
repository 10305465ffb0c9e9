/**
 * The Billing tools over hosted MCP with both SDK generations: an agent reads the balance and
 * ledger, starts a subscription (checkout URL), edits billing details; read:billing sees only the
 * read tools and is refused the writes with the scope named.
 */
import { CLIENT_GENERATIONS, connectMcpHttp, toolError } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';

let h: TrainArHarness;
let t: TenantFixture;

beforeAll(async () => {
  h = await startHarness();
  t = await h.createTenant('MCP Billing Tenant');
  await h.services.billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 12.5);
});
afterAll(() => h?.close());

for (const generation of CLIENT_GENERATIONS) {
  const connect = async (scopes: string[]) => connectMcpHttp(generation, `${h.url}/mcp`, { Authorization: `Bearer ${(await h.createKey(t.tenantId, scopes)).key}` });

  describe(`Billing tools over hosted MCP, ${generation} client`, () => {
    it('reads the pool and ledger, starts a checkout and edits billing details', async () => {
      const client = await connect(['manage:billing']);
      try {
        const balance = await client.callTool('get_usage_balance', {});
        expect(balance.structuredContent).toMatchObject({ remaining: 17.5, purchased: 17.5, used_this_period: 12.5, action: 'continue' });
        expect((balance.content as Array<{ text: string }>)[0].text).toContain('17.5 minutes left');
        const ledger = await client.callTool('get_minute_transactions', { type: 'usage' });
        expect(ledger.structuredContent).toMatchObject({ total: 1, transactions: [{ minutes: -12.5, balance_after: 17.5 }] });
        const checkout = await client.callTool('create_subscription', { package_id: 'starter', seats: 2 });
        expect(checkout.structuredContent).toMatchObject({ amount_cents: 9800, sandbox: true, checkout_url: expect.stringContaining('/billing/sandbox-checkout/') });
        const sub = await client.callTool('get_subscription', {});
        expect(sub.structuredContent).toMatchObject({ status: 'trial', seats: 1, pending_checkout: { kind: 'subscription' } });
        await client.callTool('update_subscription', { billing_details: { tax_id: `GB${generation.length}` } });
        expect((await client.callTool('get_billing_details', {})).structuredContent).toMatchObject({ tax_id: `GB${generation.length}` });
        expect(toolError(await client.callTool('buy_minute_pack', { pack_id: 'pack_7' }))).toMatchObject({ status: 400 });
        expect(toolError(await client.callTool('cancel_subscription', {}))).toMatchObject({ status: 409 });
      } finally {
        await client.close();
      }
    });

    it('read:billing lists the read tools only and is refused create_subscription', async () => {
      const client = await connect(['read:billing']);
      try {
        const names = (await client.listTools()).tools.map((tool) => tool.name).sort();
        expect(names).toEqual(['get_billing_details', 'get_minute_transactions', 'get_minutes_report', 'get_subscription', 'get_usage_balance']);
        const denied = toolError(await client.callTool('create_subscription', { package_id: 'starter', seats: 1 }));
        expect(denied).toMatchObject({ status: 403, code: 'INSUFFICIENT_PERMISSIONS', details: { requiredScopes: ['manage:billing'] } });
      } finally {
        await client.close();
      }
    });
  });
}
