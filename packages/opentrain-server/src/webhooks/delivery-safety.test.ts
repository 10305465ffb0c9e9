import { setTimeout as sleep } from 'node:timers/promises';
import { createWorker, emitEvent, kitMigrations, ManualClock, systemClock, type Worker } from '@platform/kit';
import { createTestDatabase, type TestDatabase } from '@platform/kit/testing';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWebhooks, DEFAULT_DELIVERY_TIMEOUT_MS, type WebhooksOptions, webhooksMigrations } from './index';
import { resolveSettings } from './settings';
import { createHarness, type Harness, startReceiver, type TestReceiver } from './test-support';
import type { Resolver } from '@platform/kit';

let t: TestDatabase;
const clock = new ManualClock('2026-03-01T10:00:00Z');
const cleanup: (() => unknown)[] = [];

beforeAll(async () => {
  t = await createTestDatabase([...kitMigrations, ...webhooksMigrations]);
});
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
  await sql`delete from ot_webhooks`.execute(t.db);
  await sql`delete from jobs`.execute(t.db);
});
afterAll(async () => {
  await t?.close();
});

async function receiver(reply?: Parameters<typeof startReceiver>[0]): Promise<TestReceiver> {
  const r = await startReceiver(reply);
  cleanup.push(() => r.close());
  return r;
}

async function harness(options: Partial<WebhooksOptions> = {}): Promise<Harness> {
  const h = await createHarness(t.db, clock, options);
  cleanup.push(() => h.close());
  return h;
}

async function onlyLogEntry(h: Harness, webhookId: string) {
  const { deliveries } = await h.webhooks.service.listDeliveries('acc_1', webhookId);
  expect(deliveries).toHaveLength(1);
  return deliveries[0];
}

describe('what a delivery will not do', () => {
  it('does not follow redirects: a 3xx is a failed attempt and the target is never contacted', async () => {
    const target = await receiver();
    const r = await receiver(() => ({ status: 302, headers: { Location: `${target.url}/elsewhere` } }));
    const h = await harness();
    const { webhook } = await h.webhooks.service.create('acc_1', { url: r.url, eventTypes: ['contract.created'] });
    await h.emit('acc_1', 'contract.created', { contractId: 'c_1' });
    await h.fanout();
    await h.deliver();
    expect(r.received).toHaveLength(1);
    expect(target.connections).toBe(0);
    expect(await onlyLogEntry(h, webhook.id)).toMatchObject({ outcome: 'failed', statusCode: 302, error: 'HTTP 302 (redirects are not followed)', nextRetryAt: expect.any(String) });
  });

  it('gives up on a receiver that never answers after the timeout (10 s by default)', async () => {
    expect(DEFAULT_DELIVERY_TIMEOUT_MS).toBe(10_000);
    expect(resolveSettings({ db: t.db }).timeoutMs).toBe(10_000);
    const r = await receiver(() => 'hang');
    const h = await harness({ timeoutMs: 300 });
    const { webhook } = await h.webhooks.service.create('acc_1', { url: r.url, eventTypes: ['contract.created'] });
    await h.emit('acc_1', 'contract.created', { contractId: 'c_1' });
    await h.fanout();
    const started = performance.now();
    await h.deliver();
    expect(performance.now() - started).toBeLessThan(5000);
    expect(r.received).toHaveLength(1);
    const entry = await onlyLogEntry(h, webhook.id);
    expect(entry).toMatchObject({ outcome: 'failed', statusCode: null, error: 'timed out after 300 ms', nextRetryAt: '2026-03-01T10:01:00.000Z' });
    expect(entry.durationMs).toBeGreaterThanOrEqual(290);
  });

  it('refuses at delivery time a host that resolves to loopback (localhost) when private URLs are not allowed', async () => {
    const r = await receiver();
    // Created while the operator allowed private URLs; delivered after the flag was turned off.
    const permissive = createWebhooks({ db: t.db, clock, allowPrivateUrls: true });
    cleanup.push(() => permissive.close());
    const h = await harness({ allowPrivateUrls: false });
    const https = await permissive.service.create('acc_1', { url: `https://localhost:${r.port}/hook`, eventTypes: ['contract.created'] });
    const http = await permissive.service.create('acc_1', { url: `http://127.0.0.1:${r.port}/hook`, eventTypes: ['contract.created'] });
    await h.emit('acc_1', 'contract.created', { contractId: 'c_1' });
    await h.fanout();
    await h.deliver();
    expect(r.connections).toBe(0);
    expect((await onlyLogEntry(h, https.webhook.id)).error).toMatch(/^refused: Refusing a non-public address: localhost resolves to (127\.0\.0\.1|::1) is loopback/);
    expect((await onlyLogEntry(h, http.webhook.id)).error).toBe('refused: url must use https.');
  });

  it('checks the address the socket connects to, so a DNS answer that changes after creation (rebinding) is refused', async () => {
    const r = await receiver();
    let calls = 0;
    const rebinding: Resolver = async () => [{ address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    const h = await harness({ allowPrivateUrls: false, resolve: rebinding });
    const { webhook } = await h.webhooks.service.create('acc_1', { url: `https://rebind.example.com:${r.port}/`, eventTypes: ['contract.created'] });
    await h.emit('acc_1', 'contract.created', { contractId: 'c_1' });
    await h.fanout();
    await h.deliver();
    expect(calls).toBe(2);
    expect(r.connections).toBe(0);
    expect((await onlyLogEntry(h, webhook.id)).error).toBe('refused: Refusing a non-public address: rebind.example.com resolves to 127.0.0.1 is loopback (127.0.0.0/8).');
  });
});

describe('running on live workers', () => {
  it('two workers deliver every (webhook, event) pair exactly once', async () => {
    const r = await receiver();
    const webhooks = createWebhooks({ db: t.db, clock: systemClock, allowPrivateUrls: true, fanoutIntervalMs: 20, fanoutBatchSize: 7 });
    cleanup.push(() => webhooks.close());
    const workers: Worker[] = [0, 1].map(() => createWorker({ db: t.db, clock: systemClock, handlers: webhooks.jobHandlers, pollIntervalMs: 10, batchSize: 8 }));
    cleanup.push(() => Promise.all(workers.map((w) => w.stop())));
    const a1 = await webhooks.service.create('acc_1', { url: `${r.url}/a1`, eventTypes: ['proposal.received', 'message.received'] });
    const a2 = await webhooks.service.create('acc_1', { url: `${r.url}/a2`, eventTypes: ['message.received'] });
    const b1 = await webhooks.service.create('acc_2', { url: `${r.url}/b1`, eventTypes: ['proposal.received'] });
    await webhooks.ensureFanout();
    await webhooks.ensureFanout(); // idempotent
    for (const w of workers) w.start();
    const expected = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const account = i % 3 === 0 ? 'acc_2' : 'acc_1';
      const type = i % 2 === 0 ? 'proposal.received' : 'message.received';
      const id = await emitEvent(t.db, { type, scope: account, payload: { proposalId: `p_${i}`, messageId: `m_${i}` } });
      for (const hook of [a1, a2, b1]) {
        const ownAccount = hook === b1 ? 'acc_2' : 'acc_1';
        if (ownAccount === account && hook.webhook.eventTypes.includes(type as never)) expected.add(`${hook.webhook.url}|${id}`);
      }
    }
    // Generous: on a loaded 2-core machine a pass can take seconds; waiting longer cannot hide a
    // lost or duplicated delivery, which the assertions below still catch.
    const deadline = Date.now() + 60_000;
    while (r.received.length < expected.size && Date.now() < deadline) await sleep(20);
    await sleep(200); // would a duplicate still arrive?
    const got = r.received.map((q) => `${r.url}${q.path}|${q.headers['x-opentrain-event-id']}`);
    expect(got.length).toBe(expected.size);
    expect(new Set(got)).toEqual(expected);
    expect(new Set(r.received.map((q) => q.headers['x-opentrain-delivery'])).size).toBe(expected.size);
  }, 90_000);
});
