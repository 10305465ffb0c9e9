/**
 * TrainAR webhooks end to end on the real app and its job worker: an event emitted through
 * emitTrainArEvent reaches a local receiver as a Standard Webhooks signed envelope that the
 * independent `standardwebhooks` package verifies; failed attempts are retried on the schedule of
 * the (manual) clock with the same event_id; repeated failed deliveries disable the endpoint; the
 * delivery log and "send test" show what happened; private and loopback URLs are refused by rule.
 */
import { type ReceivedRequest, startReceiver, type TestReceiver } from '@platform/kit/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';
import { emitTrainArEvent } from './events';

const MINUTE = 60_000;
let h: TrainArHarness;
let t: TenantFixture;
let key: string;
const receivers: TestReceiver[] = [];

async function receiver(reply: (req: ReceivedRequest, index: number) => number = () => 200) {
  const r = await startReceiver(reply);
  receivers.push(r);
  return r;
}

async function subscribe(url: string, events: string[]) {
  const res = await h.call('POST', '/v1/webhook-subscribe', { key, body: { url, events } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; secret: string; events: string[] };
}

const headersOf = (req: ReceivedRequest) => Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
const waitForRequests = (r: TestReceiver, n: number) => vi.waitFor(() => expect(r.received.length).toBeGreaterThanOrEqual(n), { timeout: 20_000, interval: 100 });
/** The receiver has the n-th request and the job that sent it has recorded the outcome (and scheduled its retry), so moving the clock now cannot race it. */
const requestsHandled = async (r: TestReceiver, n: number) => {
  await waitForRequests(r, n);
  await h.jobsSettled();
};
const deliveries = (endpointId: string) => h.services.webhooks.listDeliveries(t.tenantId, endpointId, { limit: 100 });

beforeAll(async () => {
  // Three attempts per delivery (1 and 5 minutes apart); disabled after 2 failed deliveries.
  h = await startHarness({ settings: { webhookUrlAllowance: 'loopback', webhookRetryScheduleMs: [MINUTE, 5 * MINUTE], webhookDisableAfterFailures: 2 } });
  t = await h.createTenant('Webhook Tenant');
  key = (await h.createKey(t.tenantId, ['manage:webhooks'])).key;
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await h?.close();
});

describe('TrainAR webhook deliveries', () => {
  it('delivers a Standard Webhooks signed envelope that the standardwebhooks package verifies, only for subscribed events of the tenant', async () => {
    const r = await receiver();
    const endpoint = await subscribe(`${r.url}/hook`, ['task.created']);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    const other = await h.createTenant('Other Webhook Tenant');
    const db = h.database.db;
    await db.transaction().execute(async (trx) => {
      await emitTrainArEvent(trx, h.clock, t.tenantId, 'task.created', { task_id: 'a1b2', title: 'Replace filter', status: 'open', source: 'api' });
      await emitTrainArEvent(trx, h.clock, t.tenantId, 'task.completed', { task_id: 'a1b2' }); // not subscribed
      await emitTrainArEvent(trx, h.clock, other.tenantId, 'task.created', { task_id: 'zz' }); // another tenant
    });
    await db
      .transaction()
      .execute(async (trx) => {
        await emitTrainArEvent(trx, h.clock, t.tenantId, 'task.created', { task_id: 'rolled-back' });
        throw new Error('roll back');
      })
      .catch(() => {});
    await waitForRequests(r, 1);
    await h.jobsSettled(); // every delivery job due has run: a second request would have arrived
    expect(r.received).toHaveLength(1);
    const [req] = r.received;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/hook');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-trainar-event']).toBe('task.created');
    const payload = new Webhook(endpoint.secret).verify(req.body.toString('utf8'), headersOf(req)) as Record<string, unknown>;
    expect(payload).toEqual({
      event: 'task.created',
      event_id: expect.stringMatching(/^evt-[0-9a-f-]{36}$/),
      timestamp: expect.any(String),
      data: { task_id: 'a1b2', title: 'Replace filter', status: 'open', source: 'api' },
    });
    expect(req.headers['webhook-id']).toBe(payload.event_id);
    // A different secret or a changed byte fails verification.
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(req.body.toString('utf8'), headersOf(req))).toThrow();
    expect(() => new Webhook(endpoint.secret).verify(req.body.toString('utf8').replace('Replace', 'Remove'), headersOf(req))).toThrow();
    const log = await deliveries(endpoint.id);
    expect(log).toMatchObject([{ event: 'task.created', event_id: payload.event_id, attempt: 1, outcome: 'succeeded', status_code: 200, test: false }]);
    expect((await h.services.webhooks.get(t.tenantId, endpoint.id)).last_triggered_at).not.toBeNull();
  });

  it('retries a failed delivery at 1 and then 5 minutes on the clock, with the same event_id, and logs every attempt', async () => {
    const r = await receiver((_req, i) => (i < 2 ? 503 : 200));
    const endpoint = await subscribe(r.url, ['skill.executed']);
    await emitTrainArEvent(h.database.db, h.clock, t.tenantId, 'skill.executed', { skill_id: 's1', success: true });
    await waitForRequests(r, 1);
    await vi.waitFor(async () => expect(await deliveries(endpoint.id)).toHaveLength(1), { timeout: 10_000 });
    const [first] = await deliveries(endpoint.id);
    expect(first).toMatchObject({ attempt: 1, outcome: 'failed', status_code: 503, error: 'HTTP 503' });
    expect(new Date(first.next_retry_at as string).getTime()).toBe(new Date(first.created_at).getTime() + MINUTE);
    await h.jobsSettled();
    expect(r.received).toHaveLength(1); // not before its time
    h.clock.advance(MINUTE);
    await requestsHandled(r, 2);
    h.clock.advance(4 * MINUTE);
    await h.jobsSettled();
    expect(r.received).toHaveLength(2); // the third attempt waits 5 minutes
    h.clock.advance(MINUTE);
    await waitForRequests(r, 3);
    await vi.waitFor(async () => expect((await deliveries(endpoint.id))[0]?.outcome).toBe('succeeded'), { timeout: 10_000 });
    const ids = r.received.map((q) => q.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    expect(new Set(r.received.map((q) => JSON.parse(q.body.toString()).event_id))).toEqual(new Set(ids));
    expect((await deliveries(endpoint.id)).map((d) => [d.attempt, d.outcome])).toEqual([
      [3, 'succeeded'],
      [2, 'failed'],
      [1, 'failed'],
    ]);
  });

  it('disables an endpoint after consecutive failed deliveries, sends nothing more, and a re-enable resets the count', async () => {
    const r = await receiver(() => 500);
    const endpoint = await subscribe(r.url, ['session.started']);
    for (let delivery = 1; delivery <= 2; delivery++) {
      await emitTrainArEvent(h.database.db, h.clock, t.tenantId, 'session.started', { session_id: `s${delivery}` });
      await requestsHandled(r, 3 * delivery - 2);
      h.clock.advance(MINUTE);
      await requestsHandled(r, 3 * delivery - 1);
      h.clock.advance(5 * MINUTE);
      await requestsHandled(r, 3 * delivery);
    }
    await vi.waitFor(async () => expect((await h.call('GET', '/v1/webhook-subscribe', { key, query: { endpoint_id: endpoint.id } })).body.is_active).toBe(false), { timeout: 10_000 });
    const disabled = (await h.call('GET', '/v1/webhook-subscribe', { key, query: { endpoint_id: endpoint.id } })).body;
    expect(disabled).toMatchObject({ exists: true, is_active: false, failure_count: 2 });
    expect(disabled.disabled_reason).toContain('Disabled after 2 consecutive failed deliveries (each tried 3 times); last error: HTTP 500');
    await emitTrainArEvent(h.database.db, h.clock, t.tenantId, 'session.started', { session_id: 's3' });
    await h.jobsSettled(); // the event's fan-out ran and found the endpoint disabled
    expect(r.received).toHaveLength(6);
    const enabled = await h.call('PATCH', '/v1/webhook-subscribe', { key, query: { endpoint_id: endpoint.id }, body: { is_active: true } });
    expect(enabled.body).toMatchObject({ is_active: true, failure_count: 0, disabled_reason: null });
  });

  it('"send test" posts a signed sample envelope once and logs it as a test', async () => {
    h.clock.set(Date.now()); // earlier tests moved the clock ahead; the verifier checks against real time
    const r = await receiver();
    const endpoint = await subscribe(r.url, ['task.status_changed']);
    const result = await h.services.webhooks.sendTest(t.tenantId, endpoint.id);
    expect(result).toMatchObject({ ok: true, statusCode: 200, summary: expect.stringMatching(/^Delivered: HTTP 200 in \d+ ms$/) });
    const payload = new Webhook(endpoint.secret).verify(r.received[0].body.toString('utf8'), headersOf(r.received[0])) as { event: string; data: { test: boolean } };
    expect(payload).toMatchObject({ event: 'task.status_changed', event_id: result.event_id, data: { test: true } });
    expect(await deliveries(endpoint.id)).toMatchObject([{ test: true, outcome: 'succeeded', event_id: result.event_id }]);
  });

  it('refuses private, metadata and non-https URLs with a 400 naming url; admits loopback only where the rule allows', async () => {
    for (const url of ['http://10.0.0.8/hook', 'http://169.254.169.254/latest', 'ftp://example.com/x', 'https://user:pw@example.com/']) {
      const res = await h.call('POST', '/v1/webhook-subscribe', { key, body: { url, events: ['task.created'] } });
      expect(res.status, url).toBe(400);
      expect(res.body).toMatchObject({ error: 'BAD_REQUEST', details: { field: 'url' } });
    }
    const privateRes = await h.call('POST', '/v1/webhook-subscribe', { key, body: { url: 'http://192.168.1.20/hook', events: ['task.created'] } });
    expect(privateRes.body.message).toContain('ALLOW_PRIVATE_WEBHOOK_URLS=1');
    const strict = await startHarness({ settings: { webhookUrlAllowance: 'public' } });
    try {
      const st = await strict.createTenant('Strict Tenant');
      const strictKey = (await strict.createKey(st.tenantId, ['manage:webhooks'])).key;
      const loopback = await strict.call('POST', '/v1/webhook-subscribe', { key: strictKey, body: { url: 'http://127.0.0.1:9/hook', events: ['task.created'] } });
      expect(loopback.status).toBe(400);
      const loopbackHttps = await strict.call('POST', '/v1/webhook-subscribe', { key: strictKey, body: { url: 'https://127.0.0.1:9/hook', events: ['task.created'] } });
      expect(loopbackHttps.body.message).toContain('loopback');
    } finally {
      await strict.close();
    }
  });

  it('rejects unknown events naming the field, and answers 404 for an endpoint of another tenant', async () => {
    const bad = await h.call('POST', '/v1/webhook-subscribe', { key, body: { url: 'http://127.0.0.1:9/x', events: ['task.deleted'] } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('events');
    const other = await h.createTenant('Foreign Tenant');
    const foreign = await h.services.webhooks.create(other.tenantId, { url: 'http://127.0.0.1:9/x', events: ['task.created'], source: 'api' });
    const res = await h.call('GET', '/v1/webhook-subscribe', { key, query: { endpoint_id: foreign.id } });
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('list_webhooks');
    const list = await h.call('GET', '/v1/webhook-subscribe', { key });
    expect(list.body.webhooks.map((w: { id: string }) => w.id)).not.toContain(foreign.id);
  });
});
