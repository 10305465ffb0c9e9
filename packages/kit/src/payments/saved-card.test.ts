/**
 * Saved cards on the Stripe client, against a local server answering Stripe's documented shapes
 * (customers, payment_methods, payment_intents; a card error is Stripe's 402 `card_error` body):
 * Checkout keeps the card for off-session use when asked, and an off-session charge either succeeds
 * or says why not (no card, declined, the bank wants the cardholder) without throwing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SavedCardCustomer, type StripePeer, savedCardAnswers, startStripePeer } from '../testing/stripe-peer';
import { StripeCheckoutClient } from './stripe-checkout';

let peer: StripePeer;
let client: StripeCheckoutClient;

const customers: Record<string, SavedCardCustomer> = {
  cus_default: { defaultPaymentMethod: 'pm_default', cards: ['pm_default', 'pm_other'], bank: 'ok' },
  cus_listed: { defaultPaymentMethod: null, cards: ['pm_listed'], bank: 'ok' },
  cus_none: { defaultPaymentMethod: null, cards: [], bank: 'ok' },
  cus_declines: { defaultPaymentMethod: 'pm_declines', cards: ['pm_declines'], bank: 'decline' },
  cus_3ds: { defaultPaymentMethod: 'pm_3ds', cards: ['pm_3ds'], bank: 'authentication_required' },
};

beforeAll(async () => {
  const cards = savedCardAnswers((id) => customers[id]);
  peer = await startStripePeer((req, n) => cards(req, n) ?? { id: `cs_test_${n}`, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/cs_test_${n}` });
  client = new StripeCheckoutClient({ secretKey: 'sk_test_local', webhookSecret: 'whsec_local', now: () => Date.now(), stripeConfig: peer.sdkOptions });
});
afterAll(async () => peer?.close());

const charge = (customerId: string) =>
  client.chargeSavedCard({ customerId, amountCents: 1999, currency: 'gbp', description: 'Auto top-up: 500 minutes', idempotencyKey: `test-${customerId}`, metadata: { reference: 'r1' } });

describe('saved cards', () => {
  it('asks Checkout to keep the card off-session, on a new customer or the known one', async () => {
    const base = { amountCents: 1999, currency: 'gbp', productName: 'Pack', successUrl: 'https://a.test/ok', cancelUrl: 'https://a.test/no' };
    await client.createCheckoutSession({ ...base, reference: 'ck_1', idempotencyKey: 'k1', saveCard: {} });
    await client.createCheckoutSession({ ...base, reference: 'ck_2', idempotencyKey: 'k2', saveCard: { customerId: 'cus_default' } });
    await client.createCheckoutSession({ ...base, reference: 'ck_3', idempotencyKey: 'k3' });
    const [fresh, known, plain] = peer.received.slice(-3).map((r) => r.form);
    expect(fresh.get('payment_intent_data[setup_future_usage]')).toBe('off_session');
    expect(fresh.get('customer_creation')).toBe('always');
    expect(known.get('customer')).toBe('cus_default');
    expect(known.get('customer_creation')).toBeNull();
    expect(plain.get('payment_intent_data[setup_future_usage]')).toBeNull();
  });

  it('charges the default card off-session with the idempotency key, else the first saved card', async () => {
    expect(await charge('cus_default')).toEqual({ ok: true, paymentIntentId: expect.stringMatching(/^pi_test_/), cardLast4: '4242' });
    const sent = peer.received.at(-1);
    expect(sent?.headers['idempotency-key']).toBe('test-cus_default');
    expect(Object.fromEntries(sent?.form ?? [])).toMatchObject({
      amount: '1999',
      currency: 'gbp',
      customer: 'cus_default',
      payment_method: 'pm_default',
      off_session: 'true',
      confirm: 'true',
      'metadata[reference]': 'r1',
    });
    expect(await charge('cus_listed')).toMatchObject({ ok: true });
    expect(peer.received.at(-1)?.form.get('payment_method')).toBe('pm_listed');
  });

  it('answers no_saved_card, declined and authentication_required as results, without charging twice', async () => {
    const before = peer.received.filter((r) => r.url === '/v1/payment_intents').length;
    expect(await charge('cus_none')).toEqual({ ok: false, reason: 'no_saved_card', message: expect.any(String), paymentIntentId: null });
    expect(peer.received.filter((r) => r.url === '/v1/payment_intents').length).toBe(before);
    expect(await charge('cus_declines')).toMatchObject({ ok: false, reason: 'declined', message: 'Your card has insufficient funds.', paymentIntentId: expect.stringMatching(/^pi_test_/) });
    expect(await charge('cus_3ds')).toMatchObject({ ok: false, reason: 'authentication_required', paymentIntentId: expect.stringMatching(/^pi_test_/) });
  });
});
