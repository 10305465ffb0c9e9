/**
 * Saved cards on the Stripe client, against a local server answering Stripe's documented shapes
 * (customers, payment_methods, payment_intents; a card error is Stripe's 402 `card_error` body):
 * Checkout keeps the card for off-session use when asked, and an off-session charge either succeeds
 * or says why not (no card, declined, the bank wants the cardholder) without throwing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StripePeer, startStripePeer } from '../testing/stripe-peer';
import { StripeCheckoutClient } from './stripe-checkout';

let peer: StripePeer;
let client: StripeCheckoutClient;

/** Per customer: the default payment method, the saved cards, and how the bank answers. */
const customers: Record<string, { default: string | null; cards: string[]; bank: 'ok' | 'decline' | '3ds' }> = {
  cus_default: { default: 'pm_default', cards: ['pm_default', 'pm_other'], bank: 'ok' },
  cus_listed: { default: null, cards: ['pm_listed'], bank: 'ok' },
  cus_none: { default: null, cards: [], bank: 'ok' },
  cus_declines: { default: 'pm_declines', cards: ['pm_declines'], bank: 'decline' },
  cus_3ds: { default: 'pm_3ds', cards: ['pm_3ds'], bank: '3ds' },
};

beforeAll(async () => {
  peer = await startStripePeer(({ url, form }, n) => {
    const customer = /^\/v1\/customers\/(cus_\w+)/.exec(url);
    if (customer) {
      const c = customers[customer[1]];
      return { id: customer[1], object: 'customer', invoice_settings: { default_payment_method: c.default } };
    }
    if (url.startsWith('/v1/payment_methods')) {
      const c = customers[new URL(url, 'http://x').searchParams.get('customer') ?? ''];
      return { object: 'list', data: c.cards.map((id) => ({ id, object: 'payment_method', type: 'card', card: { last4: '4242' } })), has_more: false, url: '/v1/payment_methods' };
    }
    if (url === '/v1/payment_intents') {
      const c = customers[form.get('customer') ?? ''];
      const id = `pi_test_${n}`;
      if (c.bank === 'decline') {
        return {
          status: 402,
          body: {
            error: {
              type: 'card_error',
              code: 'card_declined',
              decline_code: 'insufficient_funds',
              message: 'Your card has insufficient funds.',
              payment_intent: { id, object: 'payment_intent', status: 'requires_payment_method' },
            },
          },
        };
      }
      if (c.bank === '3ds') {
        return {
          status: 402,
          body: { error: { type: 'card_error', code: 'authentication_required', message: 'This payment requires authentication.', payment_intent: { id, object: 'payment_intent', status: 'requires_action' } } },
        };
      }
      return {
        id,
        object: 'payment_intent',
        status: 'succeeded',
        amount: Number(form.get('amount')),
        latest_charge: { id: `ch_${n}`, object: 'charge', payment_method_details: { type: 'card', card: { last4: '4242' } } },
      };
    }
    return { id: `cs_test_${n}`, object: 'checkout.session', url: `https://checkout.stripe.com/c/pay/cs_test_${n}` };
  });
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
