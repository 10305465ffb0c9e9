/**
 * @module The sandbox payment provider (default locally): checkouts are pages served by our own
 * app (see pages.ts), and its webhooks use a Stripe-like signature so scripts and tests can
 * complete a top-up out of band exactly like a real provider would:
 * `Sandbox-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` over
 * `{"id":"evt_…","type":"checkout.paid"|"checkout.expired","data":{"topUpId","providerRef","amountCents","currency"}}`.
 */
import { createHmac } from 'node:crypto';
import { type Clock, randomBase62, safeEqual } from '@platform/kit';
import { type Checkout, type CheckoutRequest, type HeaderBag, headerValue, type PaymentAdapter, type WebhookParseResult } from './adapter';
import { sandboxCheckoutPath } from './paths';

export const SANDBOX_SIGNATURE_HEADER = 'Sandbox-Signature';

export interface SandboxAdapterOptions {
  /** Public origin of this app (checkout links point at it). */
  publicUrl(): string;
  /** Secret for sandbox webhook signatures (any string; random per process when not configured). */
  webhookSecret: string;
  clock: Clock;
  /** Maximum age of a signed webhook, seconds (default 300). */
  toleranceSeconds?: number;
}

export class SandboxPaymentAdapter implements PaymentAdapter {
  readonly provider = 'sandbox' as const;
  readonly sandbox = true;
  constructor(private readonly options: SandboxAdapterOptions) {}

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    return { checkoutUrl: `${this.options.publicUrl()}${sandboxCheckoutPath(request.topUpId)}`, providerRef: `sbx_cs_${randomBase62(24)}` };
  }

  async parseWebhook(rawBody: string, headers: HeaderBag): Promise<WebhookParseResult> {
    const header = headerValue(headers, SANDBOX_SIGNATURE_HEADER);
    if (!header) return { ok: false, error: `Missing ${SANDBOX_SIGNATURE_HEADER} header.` };
    const parts = Object.fromEntries(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
    const t = Number(parts.t);
    if (!Number.isInteger(t) || !parts.v1) return { ok: false, error: `Malformed ${SANDBOX_SIGNATURE_HEADER} header.` };
    if (!safeEqual(parts.v1, signature(this.options.webhookSecret, t, rawBody))) return { ok: false, error: 'Signature does not match the payload.' };
    const age = Math.abs(Math.floor(this.options.clock.now().getTime() / 1000) - t);
    if (age > (this.options.toleranceSeconds ?? 300)) return { ok: false, error: 'Signature timestamp is outside the tolerance window.' };
    let body: { id?: unknown; type?: unknown; data?: Record<string, unknown> };
    try {
      body = JSON.parse(rawBody);
    } catch {
      return { ok: false, error: 'Body is not JSON.' };
    }
    const data = body.data ?? {};
    const eventId = typeof body.id === 'string' ? body.id : '';
    const topUpId = typeof data.topUpId === 'string' ? data.topUpId : '';
    const providerRef = typeof data.providerRef === 'string' ? data.providerRef : '';
    if (!eventId || !topUpId || !providerRef) return { ok: false, error: 'Event needs id, data.topUpId and data.providerRef.' };
    if (body.type === 'checkout.expired') return { ok: true, event: { kind: 'checkout_expired', eventId, topUpId, providerRef } };
    if (body.type !== 'checkout.paid') return { ok: true, event: { kind: 'ignored', eventId, eventType: String(body.type), reason: 'unhandled event type' } };
    const amountCents = data.amountCents;
    if (typeof amountCents !== 'number' || !Number.isInteger(amountCents)) return { ok: false, error: 'data.amountCents must be an integer.' };
    return { ok: true, event: { kind: 'checkout_paid', eventId, topUpId, providerRef, amountCents, currency: typeof data.currency === 'string' ? data.currency : 'usd' } };
  }
}

function signature(secret: string, timestamp: number, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

/** The `Sandbox-Signature` header value for a body (scripts and tests sign sandbox webhooks with it). */
export function signSandboxWebhook(secret: string, rawBody: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${signature(secret, timestampSeconds, rawBody)}`;
}
