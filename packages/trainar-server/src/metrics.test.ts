/**
 * TrainAR's `GET /metrics` as Prometheus on the same machine would scrape it (no METRICS_TOKEN:
 * loopback clients only, never through a proxy): REST and hosted MCP calls (Streamable HTTP and
 * SSE) raise their operation's and tool's latency counts, the minute pool is counted in bands, and a
 * queued event shows as outbox lag and backlog until the worker fans it out.
 */
import { connectMcpHttp, connectMcpSse, metricValue, scrapeMetrics } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness } from './testing/index';
import { emitTrainArEvent } from './webhooks';

let h: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  // No token whatever METRICS_TOKEN says in the environment running the tests: the loopback rule.
  h = await startHarness({ metrics: { enabled: true, token: undefined } });
});

afterAll(async () => {
  await h?.close();
});

async function scrape(): Promise<string> {
  const res = await scrapeMetrics(h.url);
  expect(res.status).toBe(200);
  return res.text;
}

const restCount = (text: string, statusClass: string) => metricValue(text, 'http_request_duration_seconds_count', { operation: 'get_usage_balance', method: 'GET', status_class: statusClass }) ?? 0;
const toolCount = (text: string) => metricValue(text, 'mcp_tool_call_duration_seconds_count', { tool: 'get_usage_balance', status_class: '2xx' }) ?? 0;
const tenantsIn = (text: string, band: string) => metricValue(text, 'trainar_minute_pool_tenants', { band }) ?? 0;

describe('TrainAR /metrics', () => {
  it('answers a loopback scraper, and refuses a request that came through a proxy', async () => {
    const proxied = await scrapeMetrics(h.url, { 'X-Forwarded-For': '203.0.113.9' });
    expect(proxied.status).toBe(403);
    expect(proxied.text).not.toContain('http_request_duration_seconds');
    expect(await scrape()).toContain('# TYPE mcp_tool_call_duration_seconds histogram');
  });

  it('counts REST calls per operation and status class, and MCP tool calls on both transports', async () => {
    const t = await h.createTenant();
    const reader = (await h.createKey(t.tenantId, ['read:billing'])).key;
    const stranger = (await h.createKey(t.tenantId, ['read:tasks'])).key;
    const before = await scrape();

    expect((await h.call('GET', '/v1/api-tenant-minutes-balance', { key: reader })).status).toBe(200);
    expect((await h.call('GET', '/v1/api-tenant-minutes-balance', { key: stranger })).status).toBe(403);
    for (const client of [await connectMcpHttp('v2', `${h.url}/mcp`, { Authorization: `Bearer ${reader}` }), await connectMcpSse('v2', `${h.url}/sse`, { Authorization: `Bearer ${reader}` })]) {
      try {
        expect((await client.callTool('get_usage_balance')).isError).toBeFalsy();
      } finally {
        await client.close();
      }
    }

    const after = await scrape();
    expect(restCount(after, '2xx') - restCount(before, '2xx')).toBe(1);
    expect(restCount(after, '4xx') - restCount(before, '4xx')).toBe(1);
    expect(toolCount(after) - toolCount(before)).toBe(2);
  });

  it('counts tenants by minute-pool band (no series per tenant) and the minutes remaining in all', async () => {
    const before = await scrape();
    const [fine, low, out] = [await h.createTenant(), await h.createTenant(), await h.createTenant()];
    await h.services.billing.pool.checkAllowance(fine.tenantId); // the pool appears with the 30 welcome minutes
    await h.services.billing.pool.recordUsage(low.tenantId, crypto.randomUUID(), 25); // 5 left: warned
    await h.services.billing.pool.recordUsage(out.tenantId, crypto.randomUUID(), 40); // down to the 5-minute overdraft
    const after = await scrape();
    expect(tenantsIn(after, 'ok') - tenantsIn(before, 'ok')).toBe(1);
    expect(tenantsIn(after, 'low') - tenantsIn(before, 'low')).toBe(1);
    expect(tenantsIn(after, 'exhausted') - tenantsIn(before, 'exhausted')).toBe(1);
    const remaining = (text: string) => metricValue(text, 'trainar_minute_pool_remaining_minutes') ?? 0;
    expect(remaining(after) - remaining(before)).toBeCloseTo(30 + 5 - 5, 4);
    expect(after).not.toContain(fine.tenantId);
  });

  it('shows a queued event as outbox lag and backlog until the worker fans it out', async () => {
    const worker = h.app.extra.worker;
    await worker.stop(); // driven by hand from here, so the event stays queued
    const t = await h.createTenant();
    await emitTrainArEvent(h.database.db, h.clock, t.tenantId, 'task.created', { task_id: crypto.randomUUID() });
    h.clock.advance(120_000);

    const queued = await scrape();
    expect(metricValue(queued, 'outbox_oldest_undelivered_event_age_seconds')).toBeGreaterThanOrEqual(120);
    expect(metricValue(queued, 'outbox_jobs_backlog', { kind: 'webhooks.fanout', state: 'due' })).toBeGreaterThanOrEqual(1);

    while ((await worker.runOnce()).claimed > 0);
    const drained = await scrape();
    expect(metricValue(drained, 'outbox_oldest_undelivered_event_age_seconds')).toBe(0);
    expect(metricValue(drained, 'outbox_jobs_backlog', { kind: 'webhooks.fanout', state: 'due' })).toBe(0);
    expect(metricValue(drained, 'outbox_oldest_due_job_age_seconds')).toBe(0);
  });
});
