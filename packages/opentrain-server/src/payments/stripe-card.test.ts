/**
 * Paying approvals with a card saved at Stripe, on the real app with the Stripe adapter pointed at
 * a local server answering Stripe's documented shapes (webhooks signed with the SDK's
 * generateTestHeaderString): the human keeps the card on file through a top-up checkout, then an
 * approval paid "by card" charges it off-session exactly once and the holds draw on the charge; a
 * decline or a bank asking for 3-D Secure charges nothing and says what to do; Stripe's
 * payment_intent.succeeded credits a charge the app never credited, once.
 */
import { ManualClock } from '@platform/kit';
import { type SavedCardCustomer, type StripePeer, savedCardAnswers, startStripePeer } from '@platform/kit/testing';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmOnPage, type Employer, employer, hireable } from '../money/test-fixtures';
import { type Harness, startHarness } from '../testing/harness';
import { APPROVAL_CARD_PURPOSE, StripePaymentAdapter } from './index';

const SECRET_KEY = 'sk_test_51Localtest0000000000000000';
const WEBHOOK_SECRET = 'whsec_localtestsecret0123456789';
const CUSTOMER = 'cus_saved_1';

const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000);
let bank: SavedCardCustomer['bank'] = 'ok';
/** Run while Stripe "processes" the next charge: what another tab does in that moment. */
let whileCharging: (() => Promise<unknown>) | null = null;
let peer: StripePeer;
let h: Harness;
let e: Employer;

const intents = () => peer.received.filter((r) => r.url === '/v1/payment_intents');

beforeAll(async () => {
  const cards = savedCardAnswers((id) => (id === CUSTOMER ? { defaultPaymentMethod: 'pm_card_1', cards: ['pm_card_1'], bank } : undefined));
  peer = await startStripePeer(async (req, n) => {
    if (req.url === '/v1/payment_intents') {
      const meanwhile = whileCharging;
      whileCharging = null;
      await meanwhile?.();
    }
    return cards(req, n) ?? { id: `cs_test_${n}`, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/cs_test_${n}`, mode: 'payment' };
  });
  const adapter = new StripePaymentAdapter({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, clock, stripeConfig: peer.sdkOptions });
  h = await startHarness({ clock, startWorker: false, settings: { 'money.paymentAdapter': adapter } });
  e = await employer(h);
});
afterAll(async () => {
  await h?.close();
  await peer?.close();
});

async function stripeWebhook(type: string, object: Record<string, unknown>) {
  const payload = JSON.stringify({ id: `evt_${crypto.randomUUID().slice(0, 8)}`, object: 'event', type, api_version: '2025-03-31.basil', created: Math.floor(clock.now().getTime() / 1000), data: { object } });
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET, timestamp: Math.floor(clock.now().getTime() / 1000) });
  const res = await fetch(`${h.url}/payments/webhooks/stripe`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature }, body: payload });
  return { status: res.status, body: await res.json() };
}

const credits = async () => (await h.api('/credits', { token: e.agentToken })).body.credits as { availableCents: number; reservedCents: number };

async function requestHire(amount: number) {
  const { proposalId } = await hireable(h, e);
  const res = await h.api(`/proposals/${proposalId}/hire`, { method: 'POST', token: e.agentToken, body: { milestone: { name: 'Batch', description: 'Label clips', amount, dueDate: '2027-01-31' } } });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return res.body.approval as { id: string; approvalUrl: string };
}

describe('a card saved with Stripe', () => {
  it('is kept on file by a top-up whose human ticked the box (the checkout asks Stripe to save it)', async () => {
    expect((await e.web.get('/billing')).text).toContain('Keep this card on file');
    const res = await e.web.post('/billing/top-ups', { amountUsd: '20.00', saveCard: '1' }, { follow: false });
    expect(res.status).toBe(303);
    const checkout = peer.received.filter((r) => r.url === '/v1/checkout/sessions').at(-1)?.form as URLSearchParams;
    expect(checkout.get('payment_intent_data[setup_future_usage]')).toBe('off_session');
    expect(checkout.get('customer_creation')).toBe('always');
    const topUpId = checkout.get('metadata[topUpId]') as string;
    const paid = await stripeWebhook('checkout.session.completed', {
      id: res.headers.get('location')?.split('/').at(-1),
      object: 'checkout.session',
      payment_status: 'paid',
      amount_total: 2000,
      currency: 'usd',
      customer: CUSTOMER,
      client_reference_id: topUpId,
      metadata: { topUpId },
    });
    expect(paid).toMatchObject({ status: 200, body: { handled: true, topUpId, status: 'COMPLETED' } });
    expect((await e.web.get('/billing')).text).toContain('Card saved with Stripe');
    expect(await credits()).toMatchObject({ availableCents: 2000, reservedCents: 0 });
  });

  it('pays a hire the human confirms by card: charged once off-session, the holds draw on the charge, credits untouched', async () => {
    const approval = await requestHire(500);
    const before = intents().length;
    const confirmed = await confirmOnPage(e.web, approval.approvalUrl, { source: 'card', amount: '500.00' });
    expect(confirmed.status).toBe(200); // back on the approval page
    const sent = intents().slice(before);
    expect(sent).toHaveLength(1);
    expect(Object.fromEntries(sent[0].form)).toMatchObject({
      amount: '55995',
      currency: 'usd',
      customer: CUSTOMER,
      payment_method: 'pm_card_1',
      off_session: 'true',
      confirm: 'true',
      'metadata[purpose]': APPROVAL_CARD_PURPOSE,
      'metadata[approvalId]': approval.id,
      'metadata[accountId]': e.organizationId,
    });
    expect(sent[0].headers['idempotency-key']).toBe(`opentrain-approval-${approval.id}-card-55995`);
    const read = (await h.api(`/approvals/${approval.id}`, { token: e.agentToken })).body.approval;
    expect(read).toMatchObject({ status: 'confirmed', result: expect.objectContaining({ hired: true }) });
    // $500 escrow + $50 fee held; the $9.95 initiation fee captured; the $20 of credits untouched.
    expect(await credits()).toMatchObject({ availableCents: 2000, reservedCents: 55_000 });

    // Stripe's webhook for the same charge credits nothing more; confirming again replays without a charge.
    const paymentIntentId = `pi_test_${peer.received.indexOf(sent[0]) + 1}`; // the local Stripe's id for that request
    const backstop = await stripeWebhook('payment_intent.succeeded', {
      id: paymentIntentId,
      object: 'payment_intent',
      amount: 55_995,
      amount_received: 55_995,
      currency: 'usd',
      metadata: { purpose: APPROVAL_CARD_PURPOSE, approvalId: approval.id, accountId: e.organizationId },
    });
    expect(backstop).toMatchObject({ status: 200, body: { handled: true } });
    await e.web.post(`${new URL(approval.approvalUrl).pathname}/confirm`, { source: 'card', amount: '500.00' });
    expect(intents().length).toBe(before + 1);
    expect(await credits()).toMatchObject({ availableCents: 2000, reservedCents: 55_000 });
  });

  it('charges nothing on a decline or when the bank wants the cardholder, says what to do, and leaves the approval pending', async () => {
    for (const [answer, text, reason] of [
      ['decline', 'The card was declined', 'card_declined'],
      ['authentication_required', 'The bank asks the cardholder to approve this payment', 'card_authentication_required'],
    ] as const) {
      bank = answer;
      const approval = await requestHire(100);
      const before = await credits();
      const refused = await confirmOnPage(e.web, approval.approvalUrl, { source: 'card', amount: '100.00' });
      expect(refused.status, reason).toBe(409);
      expect(refused.text).toContain(text);
      expect(refused.text).toContain('billing page');
      expect(await credits()).toMatchObject(before);
      expect((await h.api(`/approvals/${approval.id}`, { token: e.agentToken })).body.approval.status).toBe('pending');
    }
    bank = 'ok';
  });

  it('credits, once, a charge Stripe reports that the app never credited (it stopped after charging)', async () => {
    const before = await credits();
    const event = {
      id: 'pi_lost_1',
      object: 'payment_intent',
      amount: 11_000,
      amount_received: 11_000,
      currency: 'usd',
      metadata: { purpose: APPROVAL_CARD_PURPOSE, approvalId: 'apv_lost', accountId: e.organizationId },
    };
    expect(await stripeWebhook('payment_intent.succeeded', event)).toMatchObject({ status: 200, body: { handled: true, approvalId: 'apv_lost' } });
    expect(await stripeWebhook('payment_intent.succeeded', event)).toMatchObject({ status: 200 });
    expect(await credits()).toMatchObject({ availableCents: before.availableCents + 11_000, reservedCents: before.reservedCents });
    const foreign = await stripeWebhook('payment_intent.succeeded', { ...event, id: 'pi_other', metadata: {} });
    expect(foreign).toMatchObject({ status: 200, body: { handled: false } });
  });

  it('keeps the charge in the credits, and says so, when another tab declines the approval while the card is charged', async () => {
    const approval = await requestHire(100);
    const path = new URL(approval.approvalUrl).pathname;
    await e.web.get(path);
    whileCharging = () => e.web.post(`${path}/decline`, {});
    const before = await credits();
    const refused = await confirmOnPage(e.web, approval.approvalUrl, { source: 'card', amount: '100.00' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('This approval is declined; the card charge of $119.95 made for it stays in your credits.');
    expect(await credits()).toMatchObject({ availableCents: before.availableCents + 11_995, reservedCents: before.reservedCents });
    expect((await h.api(`/approvals/${approval.id}`, { token: e.agentToken })).body.approval.status).toBe('declined');
  });
});
