/**
 * @module A local HTTP server standing in for api.stripe.com (the Stripe SDK's host/port/protocol
 * options point at it): it records every form-encoded request and answers what the test says.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StripeRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}

export interface StripePeer {
  port: number;
  /** Every request so far, in order. */
  received: StripeRequest[];
  /** The SDK options that send its calls here. */
  sdkOptions: { host: string; port: number; protocol: 'http'; maxNetworkRetries: 0 };
  close(): Promise<void>;
}

/** `respond` returns (or resolves to: a test can act while Stripe "thinks") the JSON body (status 200) or `{ status, body }`. */
export async function startStripePeer(respond: (req: StripeRequest, index: number) => unknown | { status: number; body: unknown } | Promise<unknown>): Promise<StripePeer> {
  const received: StripeRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', async () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, form: new URLSearchParams(body) };
      received.push(request);
      const answer = (await respond(request, received.length)) as { status?: number; body?: unknown };
      const withStatus = typeof answer === 'object' && answer !== null && typeof answer.status === 'number' && 'body' in answer;
      res.statusCode = withStatus ? (answer.status as number) : 200;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(withStatus ? answer.body : answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    received,
    sdkOptions: { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A test customer's saved cards, and how its bank answers an off-session charge. */
export interface SavedCardCustomer {
  defaultPaymentMethod: string | null;
  cards: string[];
  bank: 'ok' | 'decline' | 'authentication_required';
}

/**
 * Stripe's answers for saved cards, in its documented shapes: `GET /v1/customers/:id`,
 * `GET /v1/payment_methods?customer=`, and `POST /v1/payment_intents` (succeeded; a decline or a 3-D
 * Secure demand is Stripe's 402 `card_error` carrying the PaymentIntent; a repeated idempotency key
 * gets the first PaymentIntent's id, as Stripe does). Undefined for any other request.
 */
export function savedCardAnswers(customerOf: (id: string) => SavedCardCustomer | undefined): (req: StripeRequest, index: number) => unknown {
  const intentsByKey = new Map<string, string>();
  return ({ url, form, headers }, n) => {
    const customer = /^\/v1\/customers\/(cus_\w+)/.exec(url);
    if (customer) return { id: customer[1], object: 'customer', invoice_settings: { default_payment_method: customerOf(customer[1])?.defaultPaymentMethod ?? null } };
    if (url.startsWith('/v1/payment_methods')) {
      const cards = customerOf(new URL(url, 'http://stripe.local').searchParams.get('customer') ?? '')?.cards ?? [];
      return { object: 'list', data: cards.map((id) => ({ id, object: 'payment_method', type: 'card', card: { last4: '4242' } })), has_more: false, url: '/v1/payment_methods' };
    }
    if (url !== '/v1/payment_intents') return undefined;
    const key = String(headers['idempotency-key'] ?? `none-${n}`);
    const id = intentsByKey.get(key) ?? `pi_test_${n}`;
    intentsByKey.set(key, id);
    const bank = customerOf(form.get('customer') ?? '')?.bank ?? 'ok';
    if (bank === 'decline') {
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
    if (bank === 'authentication_required') {
      return {
        status: 402,
        body: { error: { type: 'card_error', code: 'authentication_required', message: 'This payment requires authentication.', payment_intent: { id, object: 'payment_intent', status: 'requires_action' } } },
      };
    }
    const latest = { id: `ch_${n}`, object: 'charge', payment_method_details: { type: 'card', card: { last4: '4242' } } };
    return { id, object: 'payment_intent', status: 'succeeded', amount: Number(form.get('amount')), currency: form.get('currency'), customer: form.get('customer'), latest_charge: latest };
  };
}
