import { getJob, kitMigrations, ManualClock, minutes, seconds } from '@platform/kit';
import { createTestDatabase, type TestDatabase } from '@platform/kit/testing';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_SCHEDULE_MS, type DeliveryView, verifyOpenTrainSignature, webhooksMigrations } from './index';
import { createHarness, type Harness, type ReceivedRequest, startReceiver, type TestReceiver } from './test-support';

let t: TestDatabase;
let clock: ManualClock;
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

async function setup(reply?: Parameters<typeof startReceiver>[0]): Promise<{ h: Harness; r: TestReceiver }> {
  clock = new ManualClock('2026-03-01T10:00:00Z');
  const r = await startReceiver(reply);
  const h = await createHarness(t.db, clock);
  cleanup.push(() => r.close(), () => h.close());
  return { h, r };
}

const header = (req: ReceivedRequest, name: string) => req.headers[name.toLowerCase()] as string;

async function log(h: Harness, accountId: string, webhookId: string): Promise<DeliveryView[]> {
  const { deliveries } = await h.webhooks.service.listDeliveries(accountId, webhookId, { limit: 200 });
  return deliveries.reverse(); // oldest first
}

async function webhookRow(id: string) {
  return t.db.selectFrom('ot_webhooks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Runs every attempt of the deliveries due now through the whole retry schedule. */
async function runAllAttempts(h: Harness) {
  await h.deliver();
  for (const wait of DEFAULT_RETRY_SCHEDULE_MS) {
    clock.advance(wait);
    await h.deliver();
  }
}

describe('delivery', () => {
  it('POSTs one signed Event record per subscribed event, from the high-water mark on, exactly once', async () => {
    const { h, r } = await setup();
    await h.emit('acc_1', 'contract.created', { contractId: 'c_old' }); // before the webhook: never sent
    const { webhook, secret } = await h.webhooks.service.create('acc_1', { url: `${r.url}/hooks/ot`, eventTypes: ['contract.created', 'proposal.received'] });
    const eventId = await h.emit('acc_1', 'contract.created', { contractId: 'c_1', jobId: 'job_1', proposalId: 'p_1' });
    await h.emit('acc_2', 'contract.created', { contractId: 'c_other_account' });
    await h.emit('acc_1', 'message.received', { conversationId: 'cv', messageId: 'm' }); // not subscribed
    await h.emit('acc_1', 'job.internal_thing', { jobId: 'job_1' }); // not a webhook type
    await h.fanout();
    expect((await h.deliver()).succeeded).toBe(1);

    expect(r.received).toHaveLength(1);
    const [req] = r.received;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/hooks/ot');
    const t0 = Math.floor(clock.now().getTime() / 1000);
    expect(req.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'OpenTrain-Webhooks/1.0',
      'x-opentrain-event': 'contract.created',
      'x-opentrain-event-id': String(eventId),
      'x-opentrain-timestamp': String(t0),
      'x-opentrain-delivery': expect.stringMatching(/^whd_/),
    });
    expect(header(req, 'X-OpenTrain-Signature')).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(JSON.parse(req.body.toString())).toEqual({
      id: String(eventId),
      type: 'contract.created',
      apiVersion: 'v1',
      createdAt: '2026-03-01T10:00:00.000Z',
      resourceId: 'c_1',
      jobId: 'job_1',
      data: { contractId: 'c_1', jobId: 'job_1', proposalId: 'p_1' },
    });
    const sig = header(req, 'X-OpenTrain-Signature');
    expect(verifyOpenTrainSignature(req.body, sig, secret, { now: clock.now() })).toBe(true);
    expect(verifyOpenTrainSignature(req.body.toString(), sig, secret, { now: clock.now().getTime() + seconds(300) })).toBe(true);
    expect(verifyOpenTrainSignature(req.body, sig, secret, { now: clock.now().getTime() + seconds(301) })).toBe(false);
    expect(verifyOpenTrainSignature(req.body, sig, `${secret}x`, { now: clock.now() })).toBe(false);
    expect(verifyOpenTrainSignature(Buffer.concat([req.body, Buffer.from(' ')]), sig, secret, { now: clock.now() })).toBe(false);

    // Nothing more: another pass finds no new events and every pair was enqueued once.
    await h.emit('acc_1', 'message.received', { messageId: 'm2' });
    await h.fanout();
    expect((await h.deliver()).claimed).toBe(0);
    expect(r.received).toHaveLength(1);
    expect(await log(h, 'acc_1', webhook.id)).toEqual([
      expect.objectContaining({ deliveryId: header(req, 'X-OpenTrain-Delivery'), eventId: String(eventId), eventType: 'contract.created', attempt: 1, outcome: 'succeeded', statusCode: 200, error: null, nextRetryAt: null }),
    ]);
  });

  it('retries at 1, 5 and 30 minutes on the injected clock: a receiver failing 3 times gets one request per attempt, same delivery id', async () => {
    const { h, r } = await setup((_, i) => (i < 3 ? 500 + i : 200));
    const { webhook, secret } = await h.webhooks.service.create('acc_1', { url: `${r.url}/x`, eventTypes: ['payment.pending'] });
    await h.emit('acc_1', 'payment.pending', { invoiceId: 'inv_1', milestoneId: 'ms_1', contractId: 'c_1' });
    await h.fanout();
    await h.deliver();
    expect(r.received).toHaveLength(1);
    const stamps: Date[] = [clock.now()];
    for (const [wait, expected] of [
      [minutes(1), 2],
      [minutes(5), 3],
      [minutes(30), 4],
    ] as const) {
      clock.advance(wait - 1000);
      expect((await h.deliver()).claimed).toBe(0); // not due yet
      expect(r.received).toHaveLength(expected - 1);
      clock.advance(1000);
      await h.deliver();
      expect(r.received).toHaveLength(expected);
      stamps.push(clock.now());
    }
    clock.advance(minutes(240));
    expect((await h.deliver()).claimed).toBe(0);
    expect(r.received).toHaveLength(4);

    const ids = new Set(r.received.map((q) => header(q, 'X-OpenTrain-Delivery')));
    expect(ids.size).toBe(1);
    expect(new Set(r.received.map((q) => q.body.toString())).size).toBe(1);
    r.received.forEach((q, i) => {
      expect(header(q, 'X-OpenTrain-Timestamp')).toBe(String(Math.floor(stamps[i].getTime() / 1000)));
      expect(verifyOpenTrainSignature(q.body, header(q, 'X-OpenTrain-Signature'), secret, { now: stamps[i] })).toBe(true);
    });
    const entries = await log(h, 'acc_1', webhook.id);
    expect(entries.map((e) => [e.attempt, e.outcome, e.statusCode, e.nextRetryAt])).toEqual([
      [1, 'failed', 500, new Date(stamps[1]).toISOString()],
      [2, 'failed', 501, new Date(stamps[2]).toISOString()],
      [3, 'failed', 502, new Date(stamps[3]).toISOString()],
      [4, 'succeeded', 200, null],
    ]);
    expect(new Set(entries.map((e) => e.deliveryId))).toEqual(ids);
    expect(entries[0].error).toBe('HTTP 500');
  });

  it('gives up after 5 attempts in all (1, 5, 30, 120 minutes apart)', async () => {
    const { h, r } = await setup(() => 503);
    const { webhook } = await h.webhooks.service.create('acc_1', { url: r.url, eventTypes: ['approval.confirmed'] });
    await h.emit('acc_1', 'approval.confirmed', { approvalId: 'ap_1', status: 'APPROVED' });
    await h.fanout();
    await runAllAttempts(h);
    clock.advance(minutes(600));
    expect((await h.deliver()).claimed).toBe(0);
    expect(r.received).toHaveLength(5);
    const entries = await log(h, 'acc_1', webhook.id);
    expect(entries.map((e) => e.attempt)).toEqual([1, 2, 3, 4, 5]);
    expect(entries[4]).toMatchObject({ outcome: 'failed', statusCode: 503, nextRetryAt: null });
    expect((await webhookRow(webhook.id)).consecutive_failures).toBe(1);
  });

  it('counts consecutive failed deliveries, resets on a success, and disables the webhook at 10 with the reason', async () => {
    let up = true;
    const { h, r } = await setup(() => (up ? 200 : 503));
    const { webhook } = await h.webhooks.service.create('acc_1', { url: r.url, eventTypes: ['message.received'] });
    const burst = async (n: number) => {
      for (let i = 0; i < n; i++) await h.emit('acc_1', 'message.received', { conversationId: 'cv', messageId: `m_${i}` });
      await h.fanout();
      await runAllAttempts(h);
    };
    up = false;
    await burst(9);
    expect(await webhookRow(webhook.id)).toMatchObject({ status: 'ACTIVE', consecutive_failures: 9 });
    up = true;
    await burst(1);
    expect(await webhookRow(webhook.id)).toMatchObject({ status: 'ACTIVE', consecutive_failures: 0 });
    up = false;
    await burst(9);
    expect(await webhookRow(webhook.id)).toMatchObject({ status: 'ACTIVE', consecutive_failures: 9 });
    const before = r.received.length;
    await burst(1); // the 10th failed delivery in a row: the receiver was down for 10 deliveries
    expect(r.received.length - before).toBe(5);
    const disabled = await h.webhooks.service.get('acc_1', webhook.id);
    expect(disabled).toMatchObject({ status: 'DISABLED', disabledAt: clock.now().toISOString() });
    expect(disabled.disabledReason).toMatch(/^Disabled after 10 consecutive failed deliveries \(each tried 5 times\); last error: HTTP 503/);

    // A disabled webhook gets nothing new.
    up = true;
    const count = r.received.length;
    await h.emit('acc_1', 'message.received', { messageId: 'after' });
    await h.fanout();
    expect((await h.deliver()).claimed).toBe(0);
    expect(r.received.length).toBe(count);
  });

  it('marks deliveries still queued for a disabled webhook failed without sending, and drops those of a deleted one', async () => {
    const { h, r } = await setup();
    const a = await h.webhooks.service.create('acc_1', { url: r.url, eventTypes: ['contract.created'] });
    const b = await h.webhooks.service.create('acc_1', { url: r.url, eventTypes: ['contract.created'] });
    await h.emit('acc_1', 'contract.created', { contractId: 'c_1' });
    await h.fanout();
    await t.db.updateTable('ot_webhooks').set({ status: 'DISABLED', disabled_at: clock.now(), disabled_reason: 'test' }).where('id', '=', a.webhook.id).execute();
    await h.webhooks.service.delete('acc_1', b.webhook.id);
    const counts = await h.deliver();
    expect(counts).toMatchObject({ claimed: 2, succeeded: 2 });
    expect(r.received).toHaveLength(0);
    expect(await log(h, 'acc_1', a.webhook.id)).toEqual([expect.objectContaining({ outcome: 'failed', statusCode: null, error: 'not sent: the webhook was disabled (test)' })]);
    const jobs = await sql<{ id: number }>`select id from jobs where kind = 'webhooks.deliver'`.execute(t.db);
    for (const { id } of jobs.rows) expect((await getJob(t.db, Number(id)))?.status).toBe('done');
  });
});

describe('rotating OPENTRAIN_SECRET_KEY', () => {
  const OLD = 'old-operator-key-of-at-least-32-characters';
  const NEW = 'new-operator-key-of-at-least-32-characters';
  const deliverJobs = () => sql<{ status: string; last_error: string | null }>`select status, last_error from jobs where kind = 'webhooks.deliver'`.execute(t.db).then((r) => r.rows);

  it('keeps a delivery the new key cannot sign until the previous key is given, reseals at start-up, then signs with the new key alone', async () => {
    clock = new ManualClock('2026-03-01T10:00:00Z');
    const r = await startReceiver();
    cleanup.push(() => r.close());
    const before = await createHarness(t.db, clock, { secretKey: OLD });
    const { webhook, secret } = await before.webhooks.service.create('acc_1', { url: `${r.url}/hooks`, eventTypes: ['contract.created'] });
    before.close();
    const sealedUnderOld = (await webhookRow(webhook.id)).secret;

    // The key changed without OPENTRAIN_SECRET_KEY_PREVIOUS: nothing is sent, the job keeps the event and says why.
    const lost = await createHarness(t.db, clock, { secretKey: NEW });
    cleanup.push(() => lost.close());
    await lost.emit('acc_1', 'contract.created', { contractId: 'c_kept' });
    await lost.fanout();
    await lost.deliver();
    expect(r.received).toHaveLength(0);
    expect(await deliverJobs()).toEqual([{ status: 'pending', last_error: expect.stringContaining('does not decrypt with the current OPENTRAIN_SECRET_KEY') }]);

    const rotated = await createHarness(t.db, clock, { secretKey: NEW, previousSecretKeys: [OLD] });
    cleanup.push(() => rotated.close());
    expect(await rotated.webhooks.resealSecrets()).toEqual({ resealed: 1, unreadable: [] });
    expect((await webhookRow(webhook.id)).secret).not.toBe(sealedUnderOld);
    expect(await rotated.webhooks.resealSecrets()).toEqual({ resealed: 0, unreadable: [] });

    const after = await createHarness(t.db, clock, { secretKey: NEW }); // the previous key dropped
    cleanup.push(() => after.close());
    clock.advance(minutes(60)); // the kept job's retry is due
    await after.emit('acc_1', 'contract.created', { contractId: 'c_new' });
    await after.fanout();
    await after.deliver();
    expect(r.received.map((req) => JSON.parse(req.body.toString()).resourceId).sort()).toEqual(['c_kept', 'c_new']);
    for (const req of r.received) expect(verifyOpenTrainSignature(req.body, header(req, 'X-OpenTrain-Signature'), secret, { now: clock.now() })).toBe(true);
  });
});
