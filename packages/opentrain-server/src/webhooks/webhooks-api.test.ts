/**
 * Webhooks through the real app: REST operations, the app's kit worker (driven with runOnce on the
 * harness's ManualClock) and a receiver on loopback (allowed: the harness is the embedded setup).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { emitEvent, minutes, waitForEventHorizon } from '@platform/kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../testing/harness';
import { verifyOpenTrainSignature } from './index';
import { type ReceivedRequest, startReceiver, type TestReceiver } from './test-support';

const ALL_READ = ['webhooks:manage', 'proposals:read', 'messages:read', 'payments:read'];
let h: Harness;
const receivers: TestReceiver[] = [];

beforeAll(async () => {
  h = await startHarness({ startWorker: false, settings: { webhookFanoutIntervalMs: 0 } });
});
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});
afterAll(async () => {
  await h?.close();
});

async function account(scopes = ALL_READ) {
  const agent = await h.registerAgent();
  const me = await h.api('/auth/me', { token: agent.access_token });
  const org = me.body.account.organizationId as string;
  const { token } = await h.services.tokens.createFor({ organizationId: org, name: 'hooks', scopes, origin: 'web' });
  return { org, token: token as string, agentToken: agent.access_token };
}

async function receiver(reply?: Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(reply);
  receivers.push(r);
  return r;
}

const emit = (org: string, type: string, data: Record<string, unknown>) => emitEvent(h.services.db, { type, scope: org, payload: data }, h.clock);

/** Runs the app's worker (fan-out passes and due deliveries) until `done` or nothing more happens. */
async function pump(done: () => boolean, rounds = 40) {
  await waitForEventHorizon(h.services.db);
  for (let i = 0; i < rounds && !done(); i++) await h.worker.runOnce();
}

const header = (req: ReceivedRequest, name: string) => req.headers[name.toLowerCase()] as string;

/** The documented scheme, written out independently of the server's helper. */
function verifyByHand(req: ReceivedRequest, secret: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header(req, 'X-OpenTrain-Signature'));
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.`).update(req.body).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

async function createHook(token: string, url: string, eventTypes: string[]) {
  const res = await h.api('/webhooks', { method: 'POST', token, body: { url, eventTypes } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { webhook: { id: string; status: string }; secret: string };
}

describe('webhook subscriptions over REST', () => {
  it('creates (secret shown once), lists, gets and deletes; another account sees 404', async () => {
    const { token } = await account();
    const other = await account();
    const r = await receiver();
    const created = await createHook(token, `${r.url}/ot`, ['proposal.received', 'proposal.received', 'message.received']);
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.webhook).toMatchObject({ url: `${r.url}/ot`, eventTypes: ['proposal.received', 'message.received'], status: 'ACTIVE', disabledAt: null, disabledReason: null });
    const id = created.webhook.id;

    const list = await h.api('/webhooks', { token });
    expect(list.body.webhooks.map((w: { id: string }) => w.id)).toEqual([id]);
    expect(JSON.stringify(list.body)).not.toContain('whsec_');
    const got = await h.api(`/webhooks/${id}`, { token });
    expect(got.body.webhook).toEqual(created.webhook);

    const foreign = await h.api(`/webhooks/${id}`, { token: other.token });
    expect(foreign.status).toBe(404);
    expect(foreign.body.details).toMatchObject({ resource: 'webhooks', webhookId: id });
    expect((await h.api(`/webhooks/${id}`, { method: 'DELETE', token: other.token })).status).toBe(404);
    expect((await h.api(`/webhooks/${id}/deliveries`, { token: other.token })).status).toBe(404);

    const deleted = await h.api(`/webhooks/${id}`, { method: 'DELETE', token });
    expect(deleted.body).toMatchObject({ deleted: true, webhook: { id } });
    expect((await h.api(`/webhooks/${id}`, { token })).status).toBe(404);
  });

  it('refuses missing scopes, unknown event types, bad URLs, and more than 10 webhooks', async () => {
    const { token, org } = await account();
    const r = await receiver();
    const noManage = await h.api('/webhooks', { method: 'POST', token: (await account(['payments:read'])).token, body: { url: r.url, eventTypes: ['contract.created'] } });
    expect(noManage.status).toBe(403);
    expect(noManage.body.details.requiredScopes).toEqual(['webhooks:manage']);

    const { token: manageOnlyMessages } = await h.services.tokens.createFor({ organizationId: org, name: 'm', scopes: ['webhooks:manage', 'messages:read'], origin: 'web' });
    const lacking = await h.api('/webhooks', { method: 'POST', token: manageOnlyMessages, body: { url: r.url, eventTypes: ['message.received', 'payment.pending'] } });
    expect(lacking.status).toBe(403);
    expect(lacking.body.details.requiredScopes).toEqual(['messages:read', 'payments:read']);

    const unknown = await h.api('/webhooks', { method: 'POST', token, body: { url: r.url, eventTypes: ['proposal.received', 'job.deleted'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details).toMatchObject({ field: 'eventTypes', unknownEventTypes: ['job.deleted'] });
    expect((await h.api('/webhooks', { method: 'POST', token, body: { url: r.url, eventTypes: [] } })).status).toBe(400);
    const badUrl = await h.api('/webhooks', { method: 'POST', token, body: { url: 'not a url', eventTypes: ['proposal.received'] } });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body.details.field).toBe('url');

    for (let i = 0; i < 10; i++) await createHook(token, `${r.url}/${i}`, ['proposal.received']);
    const eleventh = await h.api('/webhooks', { method: 'POST', token, body: { url: `${r.url}/10`, eventTypes: ['proposal.received'] } });
    expect(eleventh.status).toBe(409);
    expect(eleventh.body.details).toMatchObject({ reason: 'webhook_limit_reached', limit: 10 });
  });
});

describe('deliveries by the app worker', () => {
  it('delivers subscribed events of the account from the high-water mark on, signed with the documented scheme', async () => {
    const { token, org } = await account();
    const other = await account();
    const r = await receiver();
    await emit(org, 'proposal.received', { proposalId: 'p_before', jobId: 'j' }); // before the webhook: no backfill
    const { webhook, secret } = await createHook(token, `${r.url}/hooks`, ['proposal.received', 'contract.created']);
    const wanted = await emit(org, 'contract.created', { contractId: 'ctr_1', jobId: 'job_1', proposalId: 'p_1' });
    await emit(org, 'message.received', { conversationId: 'c', messageId: 'm' }); // not subscribed
    await emit(other.org, 'contract.created', { contractId: 'ctr_other', jobId: 'j', proposalId: 'p' }); // other account
    await pump(() => r.received.length >= 1);
    for (let i = 0; i < 5; i++) await h.worker.runOnce(); // nothing else may arrive
    expect(r.received).toHaveLength(1);

    const req = r.received[0];
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/hooks');
    expect(header(req, 'Content-Type')).toBe('application/json');
    expect(header(req, 'User-Agent')).toBe('OpenTrain-Webhooks/1.0');
    expect(header(req, 'X-OpenTrain-Event')).toBe('contract.created');
    expect(header(req, 'X-OpenTrain-Delivery')).toMatch(/^whd_/);
    expect(verifyByHand(req, secret)).toBe(true);
    expect(verifyOpenTrainSignature(req.body, header(req, 'X-OpenTrain-Signature'), secret, { now: h.clock.now() })).toBe(true);
    expect(verifyOpenTrainSignature(req.body, header(req, 'X-OpenTrain-Signature'), 'whsec_wrong', { now: h.clock.now() })).toBe(false);
    expect(JSON.parse(req.body.toString())).toEqual({
      id: String(wanted),
      type: 'contract.created',
      apiVersion: 'v1',
      createdAt: h.clock.now().toISOString(),
      resourceId: 'ctr_1',
      jobId: 'job_1',
      data: { contractId: 'ctr_1', jobId: 'job_1', proposalId: 'p_1' },
    });
    // The feed and the webhook carry the same event id.
    const feed = await h.api('/updates', { token });
    expect(feed.body.events.map((e: { id: string }) => e.id)).toContain(String(wanted));

    const log = await h.api(`/webhooks/${webhook.id}/deliveries`, { token });
    expect(log.status).toBe(200);
    expect(log.body.deliveries).toHaveLength(1);
    expect(log.body.deliveries[0]).toMatchObject({ deliveryId: header(req, 'X-OpenTrain-Delivery'), eventId: String(wanted), attempt: 1, outcome: 'succeeded', statusCode: 200, nextRetryAt: null });
  });

  it('retries a receiver that fails 3 times on the 1 and 5 and 30 minute schedule of the injected clock, with the same delivery id, until it succeeds', async () => {
    const { token, org } = await account();
    const r = await receiver((_req, index) => (index < 3 ? 503 : 204));
    const { webhook, secret } = await createHook(token, r.url, ['milestone.status_changed']);
    await emit(org, 'milestone.status_changed', { milestoneId: 'ms_1', contractId: 'ctr_1', status: 'FUNDED' });
    await pump(() => r.received.length >= 1);
    expect(r.received).toHaveLength(1);

    for (const [wait, expected] of [[minutes(1), 2], [minutes(5), 3], [minutes(30), 4]] as const) {
      h.clock.advance(wait - 1000);
      for (let i = 0; i < 3; i++) await h.worker.runOnce();
      expect(r.received, 'not before the scheduled wait').toHaveLength(expected - 1);
      h.clock.advance(1000);
      await pump(() => r.received.length >= expected);
      expect(r.received).toHaveLength(expected);
    }
    h.clock.advance(minutes(240));
    for (let i = 0; i < 5; i++) await h.worker.runOnce();
    expect(r.received).toHaveLength(4); // succeeded: no more attempts

    const ids = new Set(r.received.map((req) => header(req, 'X-OpenTrain-Delivery')));
    expect(ids.size).toBe(1);
    expect(new Set(r.received.map((req) => req.body.toString())).size).toBe(1);
    for (const req of r.received) expect(verifyByHand(req, secret)).toBe(true);

    const log = (await h.api(`/webhooks/${webhook.id}/deliveries`, { token })).body.deliveries.reverse();
    expect(log.map((d: { attempt: number; outcome: string; statusCode: number }) => [d.attempt, d.outcome, d.statusCode])).toEqual([
      [1, 'failed', 503],
      [2, 'failed', 503],
      [3, 'failed', 503],
      [4, 'succeeded', 204],
    ]);
    expect(log[0].nextRetryAt).not.toBeNull();
    expect((await h.api(`/webhooks/${webhook.id}`, { token })).body.webhook.status).toBe('ACTIVE');
  });

  it('disables a webhook whose receiver is down for 10 deliveries (5 attempts each), and sends nothing after', async () => {
    const { token, org } = await account();
    const r = await receiver(() => 500);
    const { webhook } = await createHook(token, r.url, ['payment.pending']);
    for (let i = 0; i < 10; i++) await emit(org, 'payment.pending', { invoiceId: `inv_${i}`, milestoneId: 'ms', contractId: 'ctr' });
    await pump(() => r.received.length >= 10);
    let expected = 10;
    for (const wait of [minutes(1), minutes(5), minutes(30), minutes(120)]) {
      h.clock.advance(wait);
      expected += 10;
      await pump(() => r.received.length >= expected);
      expect(r.received).toHaveLength(expected);
    }
    for (let i = 0; i < 3; i++) await h.worker.runOnce();
    const got = (await h.api(`/webhooks/${webhook.id}`, { token })).body.webhook;
    expect(got.status).toBe('DISABLED');
    expect(got.disabledAt).not.toBeNull();
    expect(got.disabledReason).toContain('10 consecutive failed deliveries');
    expect(new Set(r.received.map((req) => header(req, 'X-OpenTrain-Delivery'))).size).toBe(10);

    await emit(org, 'payment.pending', { invoiceId: 'inv_after', milestoneId: 'ms', contractId: 'ctr' });
    h.clock.advance(minutes(300));
    await pump(() => false, 10);
    expect(r.received).toHaveLength(50);
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const { token, org } = await account();
    const target = await receiver();
    const r = await receiver(() => ({ status: 302, headers: { Location: `${target.url}/elsewhere` } }));
    const { webhook } = await createHook(token, r.url, ['approval.confirmed']);
    await emit(org, 'approval.confirmed', { approvalId: 'apr_1', status: 'APPROVED' });
    await pump(() => r.received.length >= 1);
    for (let i = 0; i < 3; i++) await h.worker.runOnce();
    expect(target.received).toHaveLength(0);
    const [entry] = (await h.api(`/webhooks/${webhook.id}/deliveries`, { token })).body.deliveries;
    expect(entry).toMatchObject({ outcome: 'failed', statusCode: 302 });
    expect(entry.error).toContain('redirects are not followed');
  });
});
