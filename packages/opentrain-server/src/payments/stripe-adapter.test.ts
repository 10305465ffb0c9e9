/**
 * The Stripe adapter against real peers without the network: Checkout Session creation goes to a
 * local HTTP server standing in for api.stripe.com (the SDK's host/port/protocol options), and
 * webhooks are signed with the SDK's own generateTestHeaderString and posted to our endpoint.
 */
import { ConfigError, kitMigrations, ManualClock } from '@platform/kit';
import { createTestDatabase, type StripePeer, type StripeRequest, startStripePeer, type TestDatabase } from '@platform/kit/testing';
import { Hono } from 'hono';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditsService, creditsMigrations } from '../credits/index';
import { createPaymentAdapter, createPayments, mountPaymentWebhook, paymentsMigrations, SandboxPaymentAdapter, StripePaymentAdapter } from './index';

const SECRET_KEY = 'sk_test_51Localtest0000000000000000';
const WEBHOOK_SECRET = 'whsec_localtestsecret0123456789';


let database: TestDatabase;
let peer: StripePeer;
let received: StripeRequest[] = [];
let failNext = false;
const clock = new ManualClock('2026-06-01T08:00:00Z');
let credits: CreditsService;
let payments: ReturnType<typeof createPayments>;
const app = new Hono();

beforeAll(async () => {
  peer = await startStripePeer(({ form }, n) => {
    if (failNext) {
      failNext = false;
      return { status: 400, body: { error: { type: 'invalid_request_error', message: 'Amount must convert to at least 50 cents.' } } };
    }
    const id = `cs_test_${n}`;
    return { id, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/${id}`, mode: 'payment', amount_total: Number(form.get('line_items[0][price_data][unit_amount]')) };
  });
  received = peer.received;
  database = await createTestDatabase([...kitMigrations, ...creditsMigrations, ...paymentsMigrations]);
  credits = new CreditsService(database.db, clock);
  const config = { STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET };
  payments = createPayments({ db: database.db, clock, credits, config, publicUrl: () => 'https://opentrain.example', stripeConfig: peer.sdkOptions });
  mountPaymentWebhook(app, { topUps: payments.topUps });
});
afterAll(async () => {
  await database?.close();
  await peer?.close();
});

function sessionEvent(type: string, session: Record<string, unknown>, id = `evt_${Math.random().toString(36).slice(2)}`) {
  return JSON.stringify({ id, object: 'event', type, api_version: '2025-01-01', created: Math.floor(clock.now().getTime() / 1000), data: { object: { object: 'checkout.session', currency: 'usd', ...session } } });
}

async function post(payload: string, { secret = WEBHOOK_SECRET, timestamp = Math.floor(clock.now().getTime() / 1000), body = payload } = {}) {
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  const res = await app.request('http://localhost/payments/webhooks/stripe', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('Stripe adapter', () => {
  it('is chosen when both Stripe variables are set, refused when only one is', () => {
    expect(payments.adapter).toBeInstanceOf(StripePaymentAdapter);
    expect(payments.adapter.sandbox).toBe(false);
    const deps = { publicUrl: () => 'http://x', clock };
    expect(createPaymentAdapter({}, deps)).toBeInstanceOf(SandboxPaymentAdapter);
    expect(() => createPaymentAdapter({ STRIPE_SECRET_KEY: SECRET_KEY }, deps)).toThrow(ConfigError);
    expect(() => createPaymentAdapter({ STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET }, deps)).toThrow(/STRIPE_SECRET_KEY: required/);
  });

  it("takes OpenTrain's own webhook secret over the shared one (TrainAR's Stripe endpoint has another)", async () => {
    const adapter = createPaymentAdapter({ STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: 'whsec_trainarsEndpoint', OPENTRAIN_STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET }, { publicUrl: () => 'http://x', clock });
    const payload = sessionEvent('checkout.session.expired', { id: 'cs_own_secret', metadata: {} });
    const signed = (secret: string) => ({ 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(clock.now().getTime() / 1000) }) });
    expect((await adapter.parseWebhook(payload, signed(WEBHOOK_SECRET))).ok).toBe(true);
    expect((await adapter.parseWebhook(payload, signed('whsec_trainarsEndpoint'))).ok).toBe(false);
  });

  it('creates a Checkout Session in payment mode for the top-up amount, keyed by the top-up', async () => {
    const topUp = await payments.topUps.createTopUp('acct_stripe_1', 2_500);
    const req = received[received.length - 1];
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v1/checkout/sessions');
    expect(req.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(req.headers['idempotency-key']).toBe(`opentrain-top-up-${topUp.id}`);
    expect(Object.fromEntries(req.form)).toEqual({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '2500',
      'line_items[0][price_data][product_data][name]': 'OpenTrain credits',
      client_reference_id: topUp.id,
      'metadata[topUpId]': topUp.id,
      'payment_intent_data[metadata][topUpId]': topUp.id,
      success_url: `https://opentrain.example/payments/top-ups/${topUp.id}?outcome=success`,
      cancel_url: `https://opentrain.example/payments/top-ups/${topUp.id}?outcome=cancel`,
    });
    expect(topUp).toMatchObject({ status: 'PENDING', provider: 'stripe', sandbox: false, providerRef: `cs_test_${received.length}`, checkoutUrl: `https://checkout.stripe.com/c/pay/cs_test_${received.length}` });
  });

  it('answers 503 and cancels the top-up when Stripe refuses the session', async () => {
    failNext = true;
    const err = await payments.topUps.createTopUp('acct_stripe_2', 1_000).catch((e) => e);
    expect(err).toMatchObject({ status: 503, details: { reason: 'payment_provider_unavailable' } });
    expect((await payments.topUps.getTopUp(err.details.topUpId)).status).toBe('CANCELED');
  });

  it('credits the account once for a verified checkout.session.completed, however often Stripe delivers it', async () => {
    const a = 'acct_stripe_3';
    const topUp = await payments.topUps.createTopUp(a, 4_200);
    const payload = sessionEvent('checkout.session.completed', { id: topUp.providerRef, payment_status: 'paid', amount_total: 4_200, metadata: { topUpId: topUp.id }, client_reference_id: topUp.id }, 'evt_paid_1');
    const first = await post(payload);
    expect(first).toEqual({ status: 200, body: { received: true, handled: true, topUpId: topUp.id, status: 'COMPLETED', replayed: false } });
    const again = await Promise.all([post(payload), post(payload)]);
    expect(again.map((r) => r.body.replayed)).toEqual([true, true]);
    expect(await credits.getBalance(a)).toEqual({ availableCents: 4_200, reservedCents: 0 });
    expect((await payments.topUps.getTopUp(topUp.id)).status).toBe('COMPLETED');
  });

  it('rejects forged, tampered, stale and unsigned deliveries without crediting', async () => {
    const a = 'acct_stripe_4';
    const topUp = await payments.topUps.createTopUp(a, 1_000);
    const payload = sessionEvent('checkout.session.completed', { id: topUp.providerRef, payment_status: 'paid', amount_total: 1_000, metadata: { topUpId: topUp.id } });
    expect((await post(payload, { secret: 'whsec_someoneelse' })).status).toBe(400);
    expect((await post(payload, { body: payload.replace('"amount_total":1000', '"amount_total":100000') })).status).toBe(400);
    const stale = await post(payload, { timestamp: Math.floor(clock.now().getTime() / 1000) - 301 });
    expect(stale.status).toBe(400);
    expect(String(stale.body.error)).toMatch(/tolerance/i);
    const unsigned = await app.request('http://localhost/payments/webhooks/stripe', { method: 'POST', body: payload });
    expect(unsigned.status).toBe(400);
    expect(await credits.getBalance(a)).toEqual({ availableCents: 0, reservedCents: 0 });
  });

  it('refuses a verified payment that contradicts the top-up (409, nothing credited)', async () => {
    const a = 'acct_stripe_5';
    const topUp = await payments.topUps.createTopUp(a, 3_000);
    const res = await post(sessionEvent('checkout.session.completed', { id: topUp.providerRef, payment_status: 'paid', amount_total: 300, metadata: { topUpId: topUp.id } }));
    expect(res).toMatchObject({ status: 409, body: { reason: 'amount_mismatch' } });
    // A Stripe event naming a top-up that was created with another provider credits nothing either.
    const sandbox = createPayments({ db: database.db, clock, credits, publicUrl: () => 'http://x' });
    const other = await sandbox.topUps.createTopUp(a, 3_000);
    const cross = await post(sessionEvent('checkout.session.completed', { id: 'cs_test_cross', payment_status: 'paid', amount_total: 3_000, metadata: { topUpId: other.id } }));
    expect(cross).toMatchObject({ status: 409, body: { reason: 'provider_ref_mismatch' } });
    expect(await credits.getBalance(a)).toEqual({ availableCents: 0, reservedCents: 0 });
  });

  it('waits for async payments, handles expiry, and acknowledges events it does not act on', async () => {
    const a = 'acct_stripe_6';
    const topUp = await payments.topUps.createTopUp(a, 1_100);
    const session = { id: topUp.providerRef, amount_total: 1_100, metadata: { topUpId: topUp.id } };
    const unpaid = await post(sessionEvent('checkout.session.completed', { ...session, payment_status: 'unpaid' }));
    expect(unpaid.body).toMatchObject({ handled: false });
    expect(await credits.getBalance(a)).toEqual({ availableCents: 0, reservedCents: 0 });
    const succeeded = await post(sessionEvent('checkout.session.async_payment_succeeded', { ...session, payment_status: 'paid' }));
    expect(succeeded.body).toMatchObject({ handled: true, status: 'COMPLETED' });
    expect(await credits.getBalance(a)).toEqual({ availableCents: 1_100, reservedCents: 0 });

    const other = await payments.topUps.createTopUp(a, 1_000);
    const expired = await post(sessionEvent('checkout.session.expired', { id: other.providerRef, payment_status: 'unpaid', amount_total: 1_000, metadata: { topUpId: other.id } }));
    expect(expired.body).toMatchObject({ handled: true, status: 'EXPIRED' });
    const foreign = await post(sessionEvent('checkout.session.completed', { id: 'cs_test_foreign', payment_status: 'paid', amount_total: 1_000, metadata: { topUpId: 'topup_unknown' } }));
    expect(foreign).toMatchObject({ status: 200, body: { handled: false, reason: 'unknown top-up' } });
    const unrelated = await post(JSON.stringify({ id: 'evt_pi', object: 'event', type: 'payment_intent.succeeded', data: { object: { object: 'payment_intent' } } }));
    expect(unrelated).toMatchObject({ status: 200, body: { handled: false } });
  });
});
