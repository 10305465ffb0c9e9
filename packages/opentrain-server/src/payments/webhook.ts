/**
 * @module The payment webhook endpoint: verify the provider's signature over the raw body, then
 * credit the top-up (idempotently) or mark it expired. Answers 400 for a bad signature, 409 when
 * a verified payment contradicts the top-up (amount, currency, checkout: nothing is credited and
 * the provider keeps retrying, which shows up on its dashboard), 200 otherwise.
 */
import { ApiError, clientIp, type GuessThrottle } from '@platform/kit';
import type { Env, Hono } from 'hono';
import type { HeaderBag, PaymentAdapter } from './adapter';
import { paymentWebhookPath } from './paths';
import type { CardPaymentsService } from './card-payments';
import type { TopUpsService } from './top-ups-service';

export interface WebhookLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface PaymentWebhookDeps {
  topUps: TopUpsService;
  /** Credits an approval's card charge that the app did not get to credit itself. */
  cardPayments?: CardPaymentsService;
  logger?: WebhookLogger;
  /** Refused deliveries (bad signature, unreadable payload) count as guesses of the signing secret. */
  signatureGuesses?: GuessThrottle;
}

export interface WebhookResponse {
  status: 200 | 400 | 409;
  body: Record<string, unknown>;
}

export async function handlePaymentWebhook(deps: PaymentWebhookDeps, rawBody: string, headers: HeaderBag): Promise<WebhookResponse> {
  const adapter: PaymentAdapter = deps.topUps.adapter;
  const parsed = await adapter.parseWebhook(rawBody, headers);
  if (!parsed.ok) {
    deps.logger?.warn({ provider: adapter.provider, error: parsed.error }, 'payment webhook rejected');
    return { status: 400, body: { error: parsed.error } };
  }
  const event = parsed.event;
  const log = { provider: adapter.provider, eventId: event.eventId };
  if (event.kind === 'ignored') return { status: 200, body: { received: true, handled: false, reason: event.reason } };
  if (event.kind === 'card_charged') {
    if (!deps.cardPayments || event.currency.toLowerCase() !== 'usd') return { status: 200, body: { received: true, handled: false, reason: 'not an OpenTrain card charge' } };
    const entry = await deps.cardPayments.credit({ accountId: event.accountId, approvalId: event.approvalId, paymentIntentId: event.paymentIntentId, amountCents: event.amountCents });
    deps.logger?.info({ ...log, approvalId: event.approvalId, paymentIntentId: event.paymentIntentId }, 'approval card charge credited');
    return { status: 200, body: { received: true, handled: true, approvalId: event.approvalId, ledgerEntryId: entry.id } };
  }
  try {
    if (event.kind === 'checkout_expired') {
      const topUp = await deps.topUps.markExpired(event.topUpId, event.providerRef);
      return { status: 200, body: { received: true, handled: true, topUpId: topUp.id, status: topUp.status } };
    }
    const result = await deps.topUps.markPaid(event.topUpId, { provider: adapter.provider, providerRef: event.providerRef, amountCents: event.amountCents, currency: event.currency, customerId: event.customerId });
    deps.logger?.info({ ...log, topUpId: event.topUpId, replayed: result.replayed }, 'top-up paid');
    return { status: 200, body: { received: true, handled: true, topUpId: result.topUp.id, status: result.topUp.status, replayed: result.replayed } };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.kind === 'not_found') {
      // A checkout this instance did not create (another environment sharing the provider account).
      deps.logger?.warn({ ...log, topUpId: event.topUpId }, 'payment webhook for an unknown top-up');
      return { status: 200, body: { received: true, handled: false, reason: 'unknown top-up' } };
    }
    deps.logger?.error({ ...log, topUpId: event.topUpId, reason: err.details?.reason }, 'payment webhook contradicts the top-up');
    return { status: 409, body: { error: err.message, reason: err.details?.reason ?? null } };
  }
}

/** `POST /payments/webhooks/<provider>` (point the provider's webhook endpoint at it). */
export function mountPaymentWebhook<E extends Env>(app: Hono<E>, deps: PaymentWebhookDeps, path = paymentWebhookPath(deps.topUps.adapter.provider)): void {
  app.post(path, async (c) => {
    await deps.signatureGuesses?.check(clientIp(c));
    const result = await handlePaymentWebhook(deps, await c.req.text(), c.req.raw.headers);
    if (result.status === 400) await deps.signatureGuesses?.failed(clientIp(c));
    return c.json(result.body, result.status);
  });
}
