/**
 * Auto top-up on the Stripe adapter, without the network (as stripe.test.ts): the app runs against a
 * local server answering Stripe's documented shapes for customers, payment methods and PaymentIntents
 * (a decline is Stripe's 402 `card_error`; a 500 is an API error the job retries). Enabling needs a
 * Stripe customer (saved by a paid pack checkout, which keeps the card); a usage under the threshold
 * queues one charge and credits nothing; the kit job charges once with an idempotency key from the
 * top-up row and credits the pack once; a decline turns auto top-up off and says so (API and page).
 */
import { listSandboxMail, ManualClock } from '@platform/kit';
import { CLIENT_GENERATIONS, connectMcpHttp, type StripePeer, savedCardAnswers, startStripePeer } from '@platform/kit/testing';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceCall, PASSWORD, pairDevice, startHarness, type TrainArHarness, WebClient } from '../testing/index';
import type { BillingService } from './service';

const SECRET_KEY = 'sk_test_51Localtest0000000000000000';
const WEBHOOK_SECRET = 'whsec_localtestsecret0123456789';
// Real time (the dashboard's session cookie must not look expired), whole seconds as Stripe's.
const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000);
let peer: StripePeer;
let h: TrainArHarness;
let billing: BillingService;

/** How each test customer's bank answers an off-session charge; `fail_once`: Stripe answers 500 to the first request of each idempotency key; `down`: always 500; `no_card`: no saved card. */
const banks: Record<string, 'ok' | 'decline' | 'fail_once' | 'down' | 'no_card'> = { cus_ok: 'ok', cus_busy: 'ok', cus_retry: 'fail_once', cus_declines: 'decline', cus_down: 'down', cus_nocard: 'no_card' };
const failedKeys = new Set<string>();

beforeAll(async () => {
  // No default payment method: the client then lists the customer's cards.
  const cards = savedCardAnswers((id) => {
    const bank = banks[id];
    return bank ? { defaultPaymentMethod: null, cards: bank === 'no_card' ? [] : [`pm_${id}`], bank: bank === 'decline' ? 'decline' : 'ok' } : undefined;
  });
  peer = await startStripePeer((req, n) => {
    if (req.url === '/v1/payment_intents') {
      const bank = banks[req.form.get('customer') ?? ''];
      const key = String(req.headers['idempotency-key']);
      if (bank === 'down' || (bank === 'fail_once' && !failedKeys.has(key))) {
        failedKeys.add(key);
        return { status: 500, body: { error: { type: 'api_error', message: 'An unknown error occurred.' } } };
      }
    }
    const id = `cs_test_${n}`;
    return cards(req, n) ?? { id, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/${id}`, mode: req.form.get('mode'), status: 'open' };
  });
  h = await startHarness({ clock, settings: { billingStripe: { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, stripeConfig: peer.sdkOptions } } });
  billing = h.services.billing;
});
afterAll(async () => {
  await h?.close();
  await peer?.close();
});

async function post(payload: string) {
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(clock.now().getTime() / 1000) });
  const res = await fetch(new URL('/billing/webhooks/stripe', h.url), { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, body: payload });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** pack_100 bought through Stripe Checkout and paid (the webhook names the customer Checkout created): 30 + 100 minutes. */
async function buyPackOnStripe(tenantId: string, customer: string) {
  const checkout = await billing.buyPack(tenantId, 'pack_100');
  const session = { id: `cs_${checkout.checkout_id}`, object: 'checkout.session', currency: 'gbp', payment_status: 'paid', metadata: { reference: checkout.checkout_id }, amount_total: 2500, customer };
  const event = {
    id: `evt_${crypto.randomUUID().slice(0, 8)}`,
    object: 'event',
    type: 'checkout.session.completed',
    api_version: '2025-03-31.basil',
    created: Math.floor(clock.now().getTime() / 1000),
    data: { object: session },
  };
  expect(await post(JSON.stringify(event))).toMatchObject({ status: 200, body: { handled: true, status: 'paid' } });
}

/** A tenant with a key, a Stripe customer whose bank answers as `banks` says, and auto top-up on: pack_500 under 100 minutes. */
async function tenantWithAutoTopUp(customer: string) {
  const t = await h.createTenant();
  const key = (await h.createKey(t.tenantId, ['read:billing', 'manage:billing'])).key;
  await buyPackOnStripe(t.tenantId, customer);
  const on = await h.call('PATCH', '/v1/api-tenant-billing-subscription', { key, body: { auto_top_up: { enabled: true, threshold_minutes: 100, pack_id: 'pack_500' } } });
  expect(on.status).toBe(200);
  return { ...t, key };
}

const intents = () => peer.received.filter((r) => r.url === '/v1/payment_intents');
const intentsOf = (customer: string) => intents().filter((r) => r.form.get('customer') === customer);
const balance = async (key: string) => (await h.call('GET', '/v1/api-tenant-minutes-balance', { key })).body;
const topUpsOf = (tenantId: string) => h.database.db.selectFrom('billing_auto_top_ups').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').execute();
const autoTopUpRows = async (tenantId: string) => (await billing.listTransactions(tenantId, { limit: 100, offset: 0, type: 'auto_topup' })).transactions;

describe('auto top-up with Stripe', () => {
  it('is refused without a Stripe customer, allowed once a paid pack checkout has saved the card', async () => {
    const t = await h.createTenant();
    const key = (await h.createKey(t.tenantId, ['read:billing', 'manage:billing'])).key;
    const refused = await h.call('PATCH', '/v1/api-tenant-billing-subscription', { key, body: { auto_top_up: { enabled: true } } });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/buy_minute_pack/);
    expect(refused.body.details).toMatchObject({ field: 'auto_top_up', next: 'buy_minute_pack' });

    await buyPackOnStripe(t.tenantId, 'cus_ok');
    // The pack's Checkout kept the card for off-session use, on a customer Checkout creates.
    const first = peer.received.filter((r) => r.url === '/v1/checkout/sessions').at(-1)?.form;
    expect(first?.get('mode')).toBe('payment');
    expect(first?.get('payment_intent_data[setup_future_usage]')).toBe('off_session');
    expect(first?.get('customer_creation')).toBe('always');
    const on = await h.call('PATCH', '/v1/api-tenant-billing-subscription', { key, body: { auto_top_up: { enabled: true, threshold_minutes: 50, pack_id: 'pack_500' } } });
    expect(on.status).toBe(200);
    expect((await h.call('GET', '/v1/api-tenant-billing-details', { key })).body.auto_top_up).toEqual({ enabled: true, threshold_minutes: 50, pack_id: 'pack_500' });
    // The next pack is bought on the known customer.
    await billing.buyPack(t.tenantId, 'pack_100');
    const next = peer.received.at(-1)?.form;
    expect(next?.get('customer')).toBe('cus_ok');
    expect(next?.get('customer_creation')).toBeNull();
  });

  it('a session crossing the threshold queues one charge; the job charges the saved card once and credits the pack once', async () => {
    const t = await tenantWithAutoTopUp('cus_ok');
    const member = await h.invite(t.tenantId, 'member');
    const { seats } = await h.services.seats.list(t.tenantId);
    await h.services.seats.update(t.tenantId, seats[0].id, { user_id: member.id });
    const d = await pairDevice(h, t.tenantId);
    const started = await deviceCall(h, d.credential, 'POST', '/v1/device/sessions', { role: 'trainee' });
    expect(started.status).toBe(201);
    for (let i = 0; i < 62; i++) {
      clock.advance(30_000);
      await deviceCall(h, d.credential, 'POST', `/v1/device/sessions/${started.body.id}/heartbeat`);
    }
    // 31 minutes: 130 → 99, under the threshold. The session's transaction queued the charge and credited nothing.
    expect((await deviceCall(h, d.credential, 'POST', `/v1/device/sessions/${started.body.id}/stop`)).body.duration_seconds).toBe(1860);
    const queued = await topUpsOf(t.tenantId);
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ pack_id: 'pack_500', amount_cents: 11000, currency: 'gbp' });

    await h.jobsSettled();
    const sent = intentsOf('cus_ok');
    expect(sent).toHaveLength(1);
    expect(sent[0].headers['idempotency-key']).toBe(`trainar-auto-top-up-${queued[0].id}`);
    expect(Object.fromEntries(sent[0].form)).toMatchObject({
      amount: '11000',
      currency: 'gbp',
      customer: 'cus_ok',
      payment_method: 'pm_cus_ok',
      off_session: 'true',
      confirm: 'true',
      'metadata[reference]': queued[0].id,
    });
    const pi = `pi_test_${peer.received.indexOf(intentsOf('cus_ok')[0]) + 1}`; // the local Stripe's id for that request
    expect((await topUpsOf(t.tenantId))[0]).toMatchObject({ status: 'succeeded', payment_intent_id: pi });
    expect(await balance(t.key)).toMatchObject({ remaining: 599, purchased: 599, auto_top_up_stopped: null });
    expect(await autoTopUpRows(t.tenantId)).toMatchObject([{ minutes: 500, pool: 'purchased', balance_after: 599, stripe_ref: pi }]);

    // Nothing more to run: no second charge, no second credit.
    await h.jobsSettled();
    expect(intentsOf('cus_ok')).toHaveLength(1);
    expect(await autoTopUpRows(t.tenantId)).toHaveLength(1);
  });

  it('two crossings while a charge is pending make one charge; a 500 from Stripe is retried with the same idempotency key', async () => {
    const t = await tenantWithAutoTopUp('cus_retry');
    const first = await billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 40);
    expect(first).toMatchObject({ remaining: 90, autoToppedUp: false, autoTopUpQueued: true });
    // Whether or not the worker got to it already, the first attempt met Stripe's 500: nothing credited.
    await h.jobsSettled();
    const second = await billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 10);
    expect(second).toMatchObject({ remaining: 80, autoTopUpQueued: false });
    const rows = await topUpsOf(t.tenantId);
    expect(rows).toMatchObject([{ status: 'pending' }]);
    expect(intentsOf('cus_retry')).toHaveLength(1);
    expect(await balance(t.key)).toMatchObject({ remaining: 80 });
    expect(await autoTopUpRows(t.tenantId)).toEqual([]);

    clock.advance(60_000); // past the kit's backoff for a first failure
    await h.jobsSettled();
    const sent = intentsOf('cus_retry');
    expect(sent).toHaveLength(2);
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual([`trainar-auto-top-up-${rows[0].id}`, `trainar-auto-top-up-${rows[0].id}`]);
    expect(await topUpsOf(t.tenantId)).toMatchObject([{ status: 'succeeded' }]);
    expect(await balance(t.key)).toMatchObject({ remaining: 580 });
    expect(await autoTopUpRows(t.tenantId)).toHaveLength(1);
  });

  it('concurrent usages crossing the threshold queue one charge (PostgreSQL when TEST_DATABASE_URL is set)', async () => {
    const t = await tenantWithAutoTopUp('cus_busy');
    // 130 → 110, 90, 70, 50: three crossings, in whatever order the row lock admits them.
    const used = await Promise.all([1, 2, 3, 4].map(() => billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 20)));
    expect(used.filter((u) => u.autoTopUpQueued)).toHaveLength(1);
    await h.jobsSettled();
    expect(await topUpsOf(t.tenantId)).toMatchObject([{ status: 'succeeded' }]);
    expect(intentsOf('cus_busy')).toHaveLength(1);
    expect(await balance(t.key)).toMatchObject({ remaining: 550 });
  });

  it('a declined card turns auto top-up off, credits nothing, and says so in the API and on the Billing page', async () => {
    const t = await tenantWithAutoTopUp('cus_declines');
    await billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 40);
    await h.jobsSettled();
    expect(intentsOf('cus_declines')).toHaveLength(1);
    expect(await topUpsOf(t.tenantId)).toMatchObject([{ status: 'failed', failure_reason: 'declined', failure_message: 'Your card has insufficient funds.' }]);
    const stopped = { reason: 'declined', message: 'Your card has insufficient funds.', since: clock.now().toISOString(), next: `${h.url}/dashboard/billing` };
    expect(await balance(t.key)).toMatchObject({ remaining: 90, auto_top_up_stopped: stopped });
    expect((await h.call('GET', '/v1/api-tenant-billing-subscription', { key: t.key })).body.auto_top_up_stopped).toEqual(stopped);
    for (const generation of CLIENT_GENERATIONS) {
      const client = await connectMcpHttp(generation, `${h.url}/mcp`, { Authorization: `Bearer ${t.key}` });
      try {
        expect((await client.callTool('get_usage_balance', {})).structuredContent, generation).toMatchObject({ auto_top_up_stopped: stopped });
      } finally {
        await client.close();
      }
    }
    expect((await h.call('GET', '/v1/api-tenant-billing-details', { key: t.key })).body.auto_top_up).toMatchObject({ enabled: false });
    expect(await autoTopUpRows(t.tenantId)).toEqual([]);
    // The admins are told by mail, with the reason and the Billing page.
    const [mail, ...more] = (await listSandboxMail(h.database.db, { to: t.adminEmail })).filter((m) => m.subject === 'TrainAR: auto top-up was turned off');
    expect(more).toEqual([]);
    expect(mail.text).toContain('could not be charged (Your card has insufficient funds.)');
    expect(mail.text).toContain(`${h.url}/dashboard/billing`);

    const web = new WebClient(h.url);
    expect((await web.submit('/signin', '/signin', { email: t.adminEmail, password: PASSWORD })).status).toBe(303);
    const page = await web.get('/dashboard/billing');
    expect(page.text).toContain('data-auto-top-up-stopped="declined"');
    expect(page.text).toContain('Auto top-up turned off');
    expect(page.text).toContain('the bank declined the saved card (Your card has insufficient funds.)');
    expect(page.text).toContain('Update the card, then turn auto top-up on again');

    // Off: further usage queues nothing and charges nothing.
    await billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 10);
    await h.jobsSettled();
    expect(await topUpsOf(t.tenantId)).toHaveLength(1);
    expect(intentsOf('cus_declines')).toHaveLength(1);

    // Re-enabling (after updating the card) clears the notice.
    expect((await h.call('PATCH', '/v1/api-tenant-billing-subscription', { key: t.key, body: { auto_top_up: { enabled: true } } })).body.auto_top_up_stopped).toBeNull();
    expect((await web.get('/dashboard/billing')).text).not.toContain('data-auto-top-up-stopped');
  });

  it('no saved card: nothing is charged, auto top-up goes off with the reason', async () => {
    const t = await tenantWithAutoTopUp('cus_nocard');
    await billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 40);
    await h.jobsSettled();
    expect(intentsOf('cus_nocard')).toEqual([]);
    expect(await topUpsOf(t.tenantId)).toMatchObject([{ status: 'failed', failure_reason: 'no_saved_card' }]);
    expect(await balance(t.key)).toMatchObject({ remaining: 90, auto_top_up_stopped: { reason: 'no_saved_card' } });
  });

  it('Stripe unreachable on every attempt: the job gives up without crediting, and the pending charge no longer blocks', async () => {
    const t = await tenantWithAutoTopUp('cus_down');
    await billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 40);
    for (let i = 0; i < 12; i++) {
      await h.jobsSettled();
      clock.advance(15 * 60_000); // past each backoff (at most 10 minutes)
    }
    const sent = intentsOf('cus_down');
    expect(sent).toHaveLength(10); // the kit's default attempts, all with the one key
    expect(new Set(sent.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    const [row] = await topUpsOf(t.tenantId);
    expect(row).toMatchObject({ status: 'failed', failure_reason: 'provider_error' });
    expect(row.failure_message).toContain(row.id);
    expect(await balance(t.key)).toMatchObject({ remaining: 90, auto_top_up_stopped: { reason: 'provider_error' } });
    expect(await autoTopUpRows(t.tenantId)).toEqual([]);

    // Stripe did take the money after all: its payment_intent.succeeded credits the pack once and the notice goes.
    const succeeded = (paymentIntent: string, reference: string, amount = 11000) =>
      JSON.stringify({
        id: `evt_${crypto.randomUUID().slice(0, 8)}`,
        object: 'event',
        type: 'payment_intent.succeeded',
        api_version: '2025-03-31.basil',
        created: Math.floor(clock.now().getTime() / 1000),
        data: { object: { id: paymentIntent, object: 'payment_intent', status: 'succeeded', amount, amount_received: amount, currency: 'gbp', metadata: { reference, kind: 'auto_top_up', tenant_id: t.tenantId } } },
      });
    expect(await post(succeeded('pi_late_1', row.id, 999))).toMatchObject({ status: 200, body: { outcome: 'unchanged' } }); // not this row's amount
    expect(await post(succeeded('pi_late_1', row.id))).toMatchObject({ status: 200, body: { handled: true, outcome: 'applied' } });
    expect(await post(succeeded('pi_late_1', row.id))).toMatchObject({ status: 200, body: { outcome: 'unchanged' } });
    expect(await post(succeeded('pi_late_2', crypto.randomUUID()))).toMatchObject({ status: 200, body: { outcome: 'unknown' } });
    expect(await topUpsOf(t.tenantId)).toMatchObject([{ status: 'succeeded', payment_intent_id: 'pi_late_1' }]);
    expect(await autoTopUpRows(t.tenantId)).toMatchObject([{ minutes: 500, stripe_ref: 'pi_late_1' }]);
    expect(await balance(t.key)).toMatchObject({ remaining: 590, auto_top_up_stopped: null });
    expect((await h.call('GET', '/v1/api-tenant-billing-details', { key: t.key })).body.auto_top_up).toMatchObject({ enabled: false });
    // Enabled again, the next crossing queues a new charge (new row, new key).
    expect((await h.call('PATCH', '/v1/api-tenant-billing-subscription', { key: t.key, body: { auto_top_up: { enabled: true } } })).status).toBe(200);
    expect(await billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 590 - 50)).toMatchObject({ autoTopUpQueued: true });
    expect(await topUpsOf(t.tenantId)).toMatchObject([{ status: 'succeeded' }, { status: 'pending' }]);
  });
});
