/**
 * OpenTrain's `GET /metrics` as Prometheus would scrape it (here with METRICS_TOKEN set): REST and
 * hosted MCP calls raise their operation's and tool's latency counts, and a queued webhook event
 * shows as job backlog and outbox lag until the worker fans it out and the delivery fails.
 */
import { emitEvent, waitForEventHorizon } from '@platform/kit';
import { connectMcpHttp, metricValue, scrapeMetrics } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './testing/harness';

const METRICS_TOKEN = 'opentrain-metrics-test-token-0123456789';
const auth = { Authorization: `Bearer ${METRICS_TOKEN}` };

let h: Harness;
let token: string;

beforeAll(async () => {
  // The worker is driven by hand (runOnce), so queued jobs stay queued until the test runs them.
  h = await startHarness({ startWorker: false, metrics: { token: METRICS_TOKEN } });
  token = (await h.registerAgent({ agent_name: 'Metrics agent' })).access_token;
});

afterAll(async () => {
  await h?.close();
});

async function scrape(): Promise<string> {
  const res = await scrapeMetrics(h.url, auth);
  expect(res.status).toBe(200);
  return res.text;
}

const restCount = (text: string, statusClass: string) =>
  metricValue(text, 'http_request_duration_seconds_count', { operation: 'opentrain_auth_status', method: 'GET', status_class: statusClass }) ?? 0;
const toolCount = (text: string, tool: string, statusClass: string) => metricValue(text, 'mcp_tool_call_duration_seconds_count', { tool, status_class: statusClass }) ?? 0;

describe('OpenTrain /metrics', () => {
  it('needs the token when one is set', async () => {
    expect((await scrapeMetrics(h.url)).status).toBe(401);
    expect((await scrapeMetrics(h.url, { Authorization: 'Bearer wrong' })).status).toBe(401);
    const text = await scrape();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(metricValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts REST calls per operation and status class, and hosted MCP calls per tool', async () => {
    const before = await scrape();
    for (let i = 0; i < 2; i++) expect((await h.api('/auth/me', { token })).status).toBe(200);
    expect((await h.api('/auth/me', { token: 'ot_pat_not_a_real_token' })).status).toBe(401);

    const client = await connectMcpHttp('v2', `${h.url}/mcp`, { Authorization: `Bearer ${token}` });
    try {
      expect((await client.callTool('opentrain_auth_status')).isError).toBeFalsy();
      expect((await client.callTool('opentrain_revoke_token', { tokenId: 'tok_does_not_exist' })).isError).toBe(true);
    } finally {
      await client.close();
    }

    const after = await scrape();
    expect(restCount(after, '2xx') - restCount(before, '2xx')).toBe(2);
    expect(restCount(after, '4xx') - restCount(before, '4xx')).toBe(1);
    expect(toolCount(after, 'opentrain_auth_status', '2xx') - toolCount(before, 'opentrain_auth_status', '2xx')).toBe(1);
    expect(toolCount(after, 'opentrain_revoke_token', '4xx') - toolCount(before, 'opentrain_revoke_token', '4xx')).toBe(1);
  });

  it('shows a queued webhook event as backlog and lag until its first delivery attempt, then the failure', async () => {
    const me = await h.api('/auth/me', { token });
    const accountId = me.body.account.organizationId as string;
    // Port 9 (discard) is closed on loopback: the delivery fails at once.
    await h.services.webhooks.create(accountId, { url: 'http://127.0.0.1:9/hook', eventTypes: ['proposal.received'] });
    await emitEvent(h.database.db, { type: 'proposal.received', scope: accountId, payload: { proposalId: 'prop_metrics' } }, h.clock);
    h.clock.advance(90_000);

    const queued = await scrape();
    expect(metricValue(queued, 'outbox_oldest_undelivered_event_age_seconds')).toBeGreaterThanOrEqual(90);
    expect(metricValue(queued, 'outbox_jobs_backlog', { kind: 'webhooks.fanout', state: 'due' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(queued, 'outbox_oldest_due_job_age_seconds')).toBeGreaterThanOrEqual(90);
    const failuresBefore = metricValue(queued, 'webhook_delivery_failures_total') ?? 0;

    await waitForEventHorizon(h.database.db);
    await h.worker.runOnce(); // the fan-out pass: one delivery job, due now
    const fannedOut = await scrape();
    expect(metricValue(fannedOut, 'outbox_jobs_backlog', { kind: 'webhooks.deliver', state: 'due' })).toBe(1);
    expect(metricValue(fannedOut, 'outbox_oldest_undelivered_event_age_seconds')).toBeGreaterThanOrEqual(90);

    await h.worker.runOnce(); // the first attempt: refused, retry scheduled
    const attempted = await scrape();
    expect((metricValue(attempted, 'webhook_delivery_failures_total') ?? 0) - failuresBefore).toBe(1);
    expect(metricValue(attempted, 'webhook_delivery_attempts_total', { outcome: 'failed' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(attempted, 'outbox_oldest_undelivered_event_age_seconds')).toBe(0);
    expect(metricValue(attempted, 'outbox_jobs_backlog', { kind: 'webhooks.deliver', state: 'scheduled' })).toBe(1);
    expect(metricValue(attempted, 'outbox_job_runs_total', { result: 'succeeded' })).toBeGreaterThanOrEqual(2);
  });
});
