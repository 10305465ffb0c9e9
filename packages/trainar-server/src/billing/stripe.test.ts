/**
 * Billing on the Stripe adapter without the network: the app is started with Stripe keys and the
 * SDK pointed at a local HTTP server standing in for api.stripe.com (the SDK's host/port/protocol
 * options), which answers in Stripe's documented shape; webhooks are signed with the official
 * package's generateTestHeaderString and checked by our endpoint with stripe.webhooks.constructEvent.
 * The Billing page is read and submitted over HTTP as a signed-in admin (status strip, Customer Portal).
 */
import { ConfigError, listSandboxMail, ManualClock } from '@platform/kit';
import { CLIENT_GENERATIONS, connectMcpHttp, type StripePeer, type StripeRequest, startStripePeer } from '@platform/kit/testing';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startHarness, type TrainArHarness, WebClient } from '../testing/index';
import { createBillingPaymentAdapter, SandboxBillingAdapter } from './payments';
import type { BillingService } from './service';

const SECRET_KEY = 'sk_test_51Localtest0000000000000000';
const WEBHOOK_SECRET = 'whsec_localtestsecret0123456789';
let received: StripeRequest[] = [];
// Real time (as the harness's default): the dashboard's session cookie must not look expired to the test's
// cookie jar. Whole seconds, as Stripe's event times are.
const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000);
let peer: StripePeer;
let h: TrainArHarness;
let billing: BillingService;

beforeAll(async () => {
  peer = await startStripePeer(({ method, url, form }, n) => {
    const sub = /^\/v1\/subscriptions\/(sub_\w+)$/.exec(url);
    if (sub) {
      // Stripe's subscription object (the fields we read): one item whose quantity is the seats.
      const quantity = Number(form.get('items[0][quantity]') ?? 4);
      return {
        id: sub[1],
        object: 'subscription',
        status: method === 'DELETE' ? 'canceled' : 'active',
        cancel_at_period_end: form.get('cancel_at_period_end') === 'true',
        items: { object: 'list', data: [{ id: 'si_test_1', object: 'subscription_item', quantity }] },
      };
    }
    if (url === '/v1/billing_portal/sessions') {
      // Stripe's billing_portal.session object: a short-lived URL on billing.stripe.com.
      return { id: `bps_test_${n}`, object: 'billing_portal.session', customer: form.get('customer'), return_url: form.get('return_url'), url: `https://billing.stripe.com/p/session/test_${n}`, livemode: false };
    }
    const id = `cs_test_${n}`;
    return { id, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/${id}`, mode: form.get('mode'), status: 'open' };
  });
  received = peer.received;
  h = await startHarness({ clock, settings: { billingStripe: { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, stripeConfig: peer.sdkOptions } } });
  billing = h.services.billing;
});
afterAll(async () => {
  await h?.close();
  await peer?.close();
});

function stripeEvent(type: string, object: Record<string, unknown>) {
  return JSON.stringify({ id: `evt_${crypto.randomUUID().slice(0, 8)}`, object: 'event', type, api_version: '2025-03-31.basil', created: Math.floor(clock.now().getTime() / 1000), data: { object } });
}

function completed(session: Record<string, unknown>, type = 'checkout.session.completed') {
  return stripeEvent(type, { object: 'checkout.session', currency: 'gbp', payment_status: 'paid', ...session });
}

function subscriptionUpdated(id: string, status: string) {
  return stripeEvent('customer.subscription.updated', {
    id,
    object: 'subscription',
    status,
    cancel_at_period_end: false,
    items: { object: 'list', data: [{ id: 'si_test_1', object: 'subscription_item', quantity: 4 }] },
  });
}

/** A 4-seat professional plan paid through Stripe Checkout (the webhook saves the customer and subscription ids). */
async function subscribeOnStripe(tenantId: string, subscription: string, customer: string) {
  const checkout = await billing.createSubscription(tenantId, { package_id: 'professional', seats: 4 });
  const paid = await post(completed({ id: `cs_${subscription}`, metadata: { reference: checkout.checkout_id }, amount_total: 39600, customer, subscription }));
  expect(paid).toMatchObject({ status: 200, body: { handled: true, status: 'paid' } });
}

async function post(payload: string, secret = WEBHOOK_SECRET) {
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(clock.now().getTime() / 1000) });
  const res = await fetch(new URL('/billing/webhooks/stripe', h.url), { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, body: payload });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('Stripe billing adapter', () => {
  it('is chosen when both Stripe variables are set, refused when only one is, sandbox otherwise', () => {
    expect(
      createBillingPaymentAdapter(
        {},
        () => '',
        () => 0,
      ),
    ).toBeInstanceOf(SandboxBillingAdapter);
    expect(() =>
      createBillingPaymentAdapter(
        { STRIPE_SECRET_KEY: SECRET_KEY },
        () => '',
        () => 0,
      ),
    ).toThrow(ConfigError);
    expect(() =>
      createBillingPaymentAdapter(
        { STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET },
        () => '',
        () => 0,
      ),
    ).toThrow(/STRIPE_SECRET_KEY/);
  });

  it("takes TrainAR's own webhook secret over the shared one (OpenTrain's Stripe endpoint has another)", () => {
    const adapter = createBillingPaymentAdapter(
      { STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: 'whsec_opentrainsEndpoint', TRAINAR_STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET },
      () => '',
      () => clock.now().getTime(),
    );
    const payload = completed({ id: 'cs_own_secret', metadata: {} }, 'checkout.session.expired');
    const signed = (secret: string) => ({ 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Math.floor(clock.now().getTime() / 1000) }) });
    expect(adapter.parseWebhook(payload, signed(WEBHOOK_SECRET)).ok).toBe(true);
    expect(adapter.parseWebhook(payload, signed('whsec_opentrainsEndpoint')).ok).toBe(false);
  });

  it('creates a monthly per-seat Checkout Session and activates the plan on the signed webhook, once', async () => {
    const t = await h.createTenant();
    const checkout = await billing.createSubscription(t.tenantId, { package_id: 'professional', seats: 4 });
    expect(checkout).toMatchObject({ sandbox: false, amount_cents: 39600, currency: 'gbp' });
    const request = received.at(-1);
    expect(request?.url).toBe('/v1/checkout/sessions');
    expect(request?.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(request?.headers['idempotency-key']).toBe(`trainar-checkout-${checkout.checkout_id}`);
    expect(Object.fromEntries(request?.form ?? [])).toMatchObject({
      mode: 'subscription',
      'line_items[0][quantity]': '4',
      'line_items[0][price_data][unit_amount]': '9900',
      'line_items[0][price_data][currency]': 'gbp',
      'line_items[0][price_data][recurring][interval]': 'month',
      client_reference_id: checkout.checkout_id,
      'metadata[reference]': checkout.checkout_id,
      'subscription_data[metadata][reference]': checkout.checkout_id,
    });
    expect(checkout.checkout_url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);

    const payload = completed({ id: 'cs_test_paid', metadata: { reference: checkout.checkout_id }, amount_total: 39600, customer: 'cus_123', subscription: 'sub_123' });
    expect(await post(payload, 'whsec_wrong')).toMatchObject({ status: 400 });
    expect((await billing.getSubscription(t.tenantId)).status).toBe('trial');
    expect(await post(payload)).toMatchObject({ status: 200, body: { handled: true, status: 'paid', replayed: false } });
    expect(await post(payload)).toMatchObject({ status: 200, body: { replayed: true } });
    expect(await billing.getSubscription(t.tenantId)).toMatchObject({ status: 'active', seats: 4, included_minutes_per_period: 2800 });
    expect(await billing.getBalance(t.tenantId)).toMatchObject({ remaining: 2830 });
  });

  it('refuses a payment that contradicts the checkout, expires abandoned ones, ignores other events', async () => {
    const t = await h.createTenant();
    const pack = await billing.buyPack(t.tenantId, 'pack_100');
    expect(Object.fromEntries(received.at(-1)?.form ?? [])).toMatchObject({ mode: 'payment', 'line_items[0][price_data][unit_amount]': '2500', 'payment_intent_data[metadata][reference]': pack.checkout_id });
    const wrong = await post(completed({ id: 'cs_x', metadata: { reference: pack.checkout_id }, amount_total: 100 }));
    expect(wrong).toMatchObject({ status: 409, body: { reason: 'amount_mismatch' } });
    expect((await billing.getBalance(t.tenantId)).remaining).toBe(30);
    expect(await post(completed({ id: 'cs_x', metadata: { reference: pack.checkout_id } }, 'checkout.session.expired'))).toMatchObject({ status: 200, body: { handled: true } });
    expect((await billing.findCheckout(pack.checkout_id))?.status).toBe('expired');
    expect(await post(completed({ id: 'cs_y', metadata: { reference: pack.checkout_id } }, 'invoice.paid'))).toMatchObject({ status: 200, body: { handled: false } });
  });

  it('pushes seat and cancellation changes to the Stripe subscription, and follows its webhooks: updates, paid renewals, deletion', async () => {
    const t = await h.createTenant();
    const checkout = await billing.createSubscription(t.tenantId, { package_id: 'professional', seats: 4 });
    await post(completed({ id: 'cs_sub', metadata: { reference: checkout.checkout_id }, amount_total: 39600, customer: 'cus_sync', subscription: 'sub_sync' }));
    const periodStart = (await billing.getSubscription(t.tenantId)).period_start as string;

    await billing.updateSubscription(t.tenantId, { seats: 5 });
    const update = received.filter((r) => r.url === '/v1/subscriptions/sub_sync');
    expect(update.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(Object.fromEntries(update[1].form)).toEqual({ 'items[0][id]': 'si_test_1', 'items[0][quantity]': '5' });
    expect(update[1].headers['idempotency-key']).toMatch(/^trainar-subscription-/);
    await expect(billing.updateSubscription(t.tenantId, { package_id: 'starter' })).rejects.toThrow(/create_subscription/);
    await billing.cancelSubscription(t.tenantId, true);
    expect(Object.fromEntries(received.at(-1)?.form ?? [])).toEqual({ cancel_at_period_end: 'true' });

    // The customer changes seats in Stripe (Customer Portal): 6 seats, cancellation withdrawn.
    const updated = await post(
      stripeEvent('customer.subscription.updated', {
        id: 'sub_sync',
        object: 'subscription',
        status: 'active',
        cancel_at_period_end: false,
        items: { object: 'list', data: [{ id: 'si_test_1', object: 'subscription_item', quantity: 6 }] },
      }),
    );
    expect(updated).toMatchObject({ status: 200, body: { handled: true, outcome: 'applied' } });
    expect(await billing.getSubscription(t.tenantId)).toMatchObject({ seats: 6, cancel_at_period_end: false, included_minutes_per_period: 4200 });
    await billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 100);

    // Renewal: Stripe's invoice for the next period is paid → included minutes refreshed, once.
    const next = Date.parse(periodStart) + 31 * 86_400_000;
    const invoice = stripeEvent('invoice.paid', {
      id: 'in_renew_1',
      object: 'invoice',
      billing_reason: 'subscription_cycle',
      parent: { type: 'subscription_details', subscription_details: { subscription: 'sub_sync' } },
      lines: { object: 'list', data: [{ id: 'il_1', object: 'line_item', period: { start: Math.floor(next / 1000) - 86_400, end: Math.floor(next / 1000) + 29 * 86_400 } }] },
    });
    expect(await post(invoice)).toMatchObject({ status: 200, body: { outcome: 'applied' } });
    expect(await billing.getBalance(t.tenantId)).toMatchObject({ included: 4200, used_this_period: 0, period_start: new Date((Math.floor(next / 1000) - 86_400) * 1000).toISOString() });
    expect((await billing.listTransactions(t.tenantId, { limit: 1, offset: 0, type: 'renewal' })).transactions[0]).toMatchObject({ minutes: 100, stripe_ref: 'in_renew_1' });
    expect(await post(invoice)).toMatchObject({ status: 200, body: { outcome: 'unchanged' } });
    expect(
      await post(
        stripeEvent('invoice.paid', {
          id: 'in_x',
          object: 'invoice',
          billing_reason: 'subscription_cycle',
          parent: { subscription_details: { subscription: 'sub_unknown' } },
          lines: { data: [{ period: { start: 1, end: 2 } }] },
        }),
      ),
    ).toMatchObject({ body: { outcome: 'unknown' } });

    expect(await post(stripeEvent('customer.subscription.deleted', { id: 'sub_sync', object: 'subscription', status: 'canceled' }))).toMatchObject({ body: { outcome: 'applied' } });
    expect(await billing.getSubscription(t.tenantId)).toMatchObject({ status: 'canceled', seats: 1 });
    expect(await billing.getBalance(t.tenantId)).toMatchObject({ included: 0, purchased: 30 });
  });

  it('records a failed subscription payment with the next retry, once; past due, then paid, clears it', async () => {
    const t = await h.createTenant();
    await subscribeOnStripe(t.tenantId, 'sub_dunning', 'cus_dunning');
    const failedAt = clock.now();
    const nextAttempt = Math.floor(failedAt.getTime() / 1000) + 3 * 86_400;
    const failed = stripeEvent('invoice.payment_failed', {
      id: 'in_fail_1',
      object: 'invoice',
      billing_reason: 'subscription_cycle',
      status: 'open',
      amount_due: 39600,
      currency: 'gbp',
      attempt_count: 1,
      next_payment_attempt: nextAttempt,
      parent: { type: 'subscription_details', subscription_details: { subscription: 'sub_dunning' } },
    });
    expect(await post(failed)).toMatchObject({ status: 200, body: { handled: true, outcome: 'applied' } });
    const issue = { kind: 'payment_failed', since: failedAt.toISOString(), next_attempt_at: new Date(nextAttempt * 1000).toISOString(), amount_due_cents: 39600, currency: 'gbp', next: `${h.url}/dashboard/billing` };
    // The plan stays usable while Stripe retries.
    expect(await billing.getSubscription(t.tenantId)).toMatchObject({ status: 'active', seats: 4, payment_issue: issue });
    expect(await post(failed)).toMatchObject({ status: 200, body: { handled: false, outcome: 'unchanged' } });
    const key = (await h.createKey(t.tenantId, ['read:billing'])).key;
    expect((await h.call('GET', '/v1/api-tenant-billing-subscription', { key })).body.payment_issue).toEqual(issue);
    // Both SDK generations accept the filled-in field against the tool's output schema (v1 checks it).
    for (const generation of CLIENT_GENERATIONS) {
      const client = await connectMcpHttp(generation, `${h.url}/mcp`, { Authorization: `Bearer ${key}` });
      try {
        expect((await client.callTool('get_subscription', {})).structuredContent, generation).toMatchObject({ payment_issue: issue });
      } finally {
        await client.close();
      }
    }
    // The admins are mailed once (the replay mailed nobody), with the amount, the retry date and the Billing page.
    await h.jobsSettled();
    const failedMail = (await listSandboxMail(h.database.db, { to: t.adminEmail })).filter((m) => m.subject === 'TrainAR: a subscription payment failed');
    expect(failedMail).toHaveLength(1);
    expect(failedMail[0].text).toContain('Stripe could not take the subscription payment of 396.00 GBP.');
    expect(failedMail[0].text).toContain(`Stripe will try the card again on ${new Date(nextAttempt * 1000).toISOString().slice(0, 10)}`);
    expect(failedMail[0].text).toContain(`${h.url}/dashboard/billing`);

    // Older API versions name the subscription on the invoice itself; an unknown one is reported as such.
    const stranger = stripeEvent('invoice.payment_failed', { id: 'in_fail_x', object: 'invoice', amount_due: 100, currency: 'gbp', next_payment_attempt: null, subscription: 'sub_unknown' });
    expect(await post(stranger)).toMatchObject({ status: 200, body: { handled: false, outcome: 'unknown' } });

    // Stripe marks the subscription past due; the last retry fails with no further attempt.
    clock.advance(3 * 86_400_000);
    expect(await post(subscriptionUpdated('sub_dunning', 'past_due'))).toMatchObject({ body: { outcome: 'applied' } });
    expect(await post(subscriptionUpdated('sub_dunning', 'past_due'))).toMatchObject({ body: { outcome: 'unchanged' } });
    expect((await billing.getSubscription(t.tenantId)).payment_issue).toMatchObject({ kind: 'past_due', since: failedAt.toISOString(), amount_due_cents: 39600 });
    await h.jobsSettled();
    expect((await listSandboxMail(h.database.db, { to: t.adminEmail })).filter((m) => m.subject === 'TrainAR: your subscription is past due')).toHaveLength(1);
    const last = stripeEvent('invoice.payment_failed', {
      id: 'in_fail_1',
      object: 'invoice',
      amount_due: 39600,
      currency: 'gbp',
      next_payment_attempt: null,
      parent: { subscription_details: { subscription: 'sub_dunning' } },
    });
    expect(await post(last)).toMatchObject({ body: { outcome: 'applied' } });
    expect((await billing.getSubscription(t.tenantId)).payment_issue).toMatchObject({ kind: 'payment_failed', since: failedAt.toISOString(), next_attempt_at: null });

    // The customer pays the invoice (new card): cleared, and the plan was never interrupted.
    const paid = stripeEvent('invoice.paid', {
      id: 'in_fail_1',
      object: 'invoice',
      billing_reason: 'subscription_update',
      parent: { subscription_details: { subscription: 'sub_dunning' } },
      lines: { data: [{ period: { start: 1, end: 2 } }] },
    });
    expect(await post(paid)).toMatchObject({ body: { outcome: 'applied' } });
    expect(await billing.getSubscription(t.tenantId)).toMatchObject({ status: 'active', payment_issue: null });
    expect(await post(paid)).toMatchObject({ body: { outcome: 'unchanged' } });

    // past_due then active (Stripe's status once a retry succeeds) clears it too.
    expect(await post(subscriptionUpdated('sub_dunning', 'past_due'))).toMatchObject({ body: { outcome: 'applied' } });
    expect((await billing.getSubscription(t.tenantId)).payment_issue).toMatchObject({ kind: 'past_due', next_attempt_at: null, amount_due_cents: null });
    expect(await post(subscriptionUpdated('sub_dunning', 'active'))).toMatchObject({ body: { outcome: 'applied' } });
    expect((await billing.getSubscription(t.tenantId)).payment_issue).toBeNull();

    // Stripe gives up (unpaid): the plan ends, as before, with no problem left to show.
    await post(subscriptionUpdated('sub_dunning', 'past_due'));
    expect(await post(subscriptionUpdated('sub_dunning', 'unpaid'))).toMatchObject({ body: { outcome: 'applied' } });
    expect(await billing.getSubscription(t.tenantId)).toMatchObject({ status: 'canceled', payment_issue: null });
  });

  it('shows the status strip on the Billing page until paid, and opens the Customer Portal from a CSRF-checked form', async () => {
    const t = await h.createTenant();
    const web = new WebClient(h.url);
    expect((await web.submit('/signin', '/signin', { email: t.adminEmail, password: PASSWORD })).status).toBe(303);
    const before = await web.get('/dashboard/billing');
    expect(before.text).toContain('after a first subscription or minute pack is paid through Stripe');
    expect(before.text).not.toContain('Manage card and invoices');

    await subscribeOnStripe(t.tenantId, 'sub_page', 'cus_page');
    const next = Math.floor(clock.now().getTime() / 1000) + 2 * 86_400;
    await post(stripeEvent('invoice.payment_failed', { id: 'in_page', object: 'invoice', amount_due: 39600, currency: 'gbp', next_payment_attempt: next, parent: { subscription_details: { subscription: 'sub_page' } } }));
    const failing = await web.get('/dashboard/billing');
    expect(failing.text).toContain('data-payment-issue="payment_failed"');
    expect(failing.text).toContain('Payment failed');
    expect(failing.text).toContain('Stripe could not take the payment of 396.00 GBP');
    expect(failing.text).toMatch(/Stripe will try the card again on [^<]+; your plan stays active meanwhile\./);
    expect(failing.text).toContain('Update card');
    expect(failing.text).toContain('Manage card and invoices');

    // Without the CSRF token: refused, and Stripe is not asked.
    const portalCalls = () => received.filter((r) => r.url === '/v1/billing_portal/sessions').length;
    const calls = portalCalls();
    expect((await web.post('/dashboard/billing/portal', {}, { csrf: false })).status).toBe(403);
    expect(portalCalls()).toBe(calls);

    const opened = await web.submit('/dashboard/billing', '/dashboard/billing/portal', {});
    expect(opened.status).toBe(303);
    const request = received.at(-1);
    expect(request).toMatchObject({ method: 'POST', url: '/v1/billing_portal/sessions' });
    expect(request?.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(Object.fromEntries(request?.form ?? [])).toEqual({ customer: 'cus_page', return_url: `${h.url}/dashboard/billing` });
    expect(opened.location).toBe(`https://billing.stripe.com/p/session/test_${received.length}`);

    // A member cannot open it.
    const member = await h.invite(t.tenantId, 'member');
    const [mail] = await listSandboxMail(h.database.db, { to: member.email });
    const token = /\/invite\/accept\?token=([A-Za-z0-9_%]+)/.exec(mail.text)?.[1] as string;
    await h.services.users.acceptInvitation(decodeURIComponent(token), PASSWORD);
    const memberWeb = new WebClient(h.url);
    await memberWeb.submit('/signin', '/signin', { email: member.email, password: PASSWORD });
    expect((await memberWeb.submit('/dashboard', '/dashboard/billing/portal', {})).status).toBe(403);
    expect(portalCalls()).toBe(calls + 1);

    // The last retry fails: Stripe schedules no further attempt, and the strip says so.
    await post(stripeEvent('invoice.payment_failed', { id: 'in_page', object: 'invoice', amount_due: 39600, currency: 'gbp', next_payment_attempt: null, parent: { subscription_details: { subscription: 'sub_page' } } }));
    expect((await web.get('/dashboard/billing')).text).toContain('Stripe will not try the card again on its own: update the card to keep the plan.');

    await post(
      stripeEvent('invoice.paid', {
        id: 'in_page',
        object: 'invoice',
        billing_reason: 'subscription_cycle',
        parent: { subscription_details: { subscription: 'sub_page' } },
        lines: { data: [{ period: { start: 1, end: 2 } }] },
      }),
    );
    const paid = await web.get('/dashboard/billing');
    expect(paid.text).not.toContain('data-payment-issue');
    expect(paid.text).not.toContain('Payment failed');
    expect(paid.text).toContain('Manage card and invoices');
  });

  it('refuses auto top-up without a Stripe customer (no saved card), with the next step (stripe-auto-top-up.test.ts covers the rest)', async () => {
    const t = await h.createTenant();
    await expect(billing.updateSubscription(t.tenantId, { auto_top_up: { enabled: true } })).rejects.toThrow(/buy_minute_pack/);
  });
});
