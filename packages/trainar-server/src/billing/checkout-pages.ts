/**
 * @module Payment pages and hooks: the sandbox checkout (a labelled stand-in for Stripe Checkout:
 * Pay / Cancel with CSRF; paying completes the checkout once however often it is submitted), the
 * return page, and the Stripe webhook (`POST /billing/webhooks/stripe`, signature checked over the
 * raw body; 400 bad signature, 409 when a verified payment contradicts the checkout; subscription
 * updates, deletions, paid and failed invoices go to BillingService.applyProviderEvent).
 */
import { ApiError, CsrfError, clientIp, csrfField, type GuessThrottle, type Html, html, layout, redirectTo, verifyCsrf } from '@platform/kit';
import type { Context, Env, Hono } from 'hono';
import { SANDBOX_CHECKOUT_PREFIX } from './payments';
import { formatMoney } from './present';
import type { BillingService } from './service';

/** `signatureGuesses`: refused webhook deliveries (bad signature, unreadable payload) count as guesses of the signing secret. */
export function mountBillingCheckout<E extends Env>(app: Hono<E>, billing: BillingService, signatureGuesses?: GuessThrottle): void {
  const page = (c: Context, title: string, body: Html, status: 200 | 403 | 404 = 200) => c.html(layout({ title, product: 'TrainAR', body, sandbox: billing.adapter.sandbox }), status);
  const route = `${SANDBOX_CHECKOUT_PREFIX}:checkoutId`;

  app.get(route, async (c) => {
    const checkout = billing.adapter.sandbox ? await billing.findCheckout(c.req.param('checkoutId') ?? '') : undefined;
    if (!checkout) return page(c, 'Checkout not found', html`<h1>Checkout not found</h1><p>This sandbox checkout link is unknown. Start again from the Billing page.</p>`, 404);
    if (checkout.status !== 'open') return page(c, 'Sandbox checkout', html`<h1>Checkout ${checkout.status}</h1><p>Nothing more to pay here. <a href="/dashboard/billing">Back to billing</a></p>`);
    const path = `${SANDBOX_CHECKOUT_PREFIX}${checkout.id}`;
    const csrf = csrfField(c);
    const item = checkout.kind === 'subscription' ? `${checkout.plan_id} plan, ${checkout.seats} seat(s), monthly` : `Minute pack ${checkout.pack_id}`;
    return page(
      c,
      'Sandbox checkout',
      html`<h1>Sandbox checkout</h1>
        <p class="sandbox"><strong>Sandbox payment.</strong> No card is charged and no real money moves.</p>
        <table>
          <tr><th>Item</th><td>${item}</td></tr>
          <tr><th>Amount</th><td><strong>${formatMoney(checkout.amount_cents, checkout.currency)}</strong></td></tr>
        </table>
        <form method="post" action="${path}/pay">${csrf}<button type="submit">Pay ${formatMoney(checkout.amount_cents, checkout.currency)}</button></form>
        <form method="post" action="${path}/cancel">${csrf}<button type="submit" class="secondary">Cancel</button></form>`,
    );
  });

  const act = (action: 'pay' | 'cancel') => async (c: Context) => {
    const checkout = billing.adapter.sandbox ? await billing.findCheckout(c.req.param('checkoutId') ?? '') : undefined;
    if (!checkout) return page(c, 'Checkout not found', html`<h1>Checkout not found</h1>`, 404);
    try {
      verifyCsrf(c, await c.req.parseBody());
    } catch (err) {
      if (err instanceof CsrfError) return page(c, 'Form expired', html`<h1>Form expired</h1><p>${err.message} <a href="${SANDBOX_CHECKOUT_PREFIX}${checkout.id}">Reload the checkout</a></p>`, 403);
      throw err;
    }
    if (action === 'cancel') {
      await billing.expireCheckout(checkout.id);
      return redirectTo(c, '/dashboard/billing');
    }
    await billing.completeCheckout(checkout.id, { providerRef: `sandbox_${checkout.id}` });
    return redirectTo(c, `/billing/checkout-complete?checkout_id=${checkout.id}`);
  };
  app.post(`${route}/pay`, act('pay'));
  app.post(`${route}/cancel`, act('cancel'));

  app.get('/billing/checkout-complete', async (c) => {
    const checkout = await billing.findCheckout(c.req.query('checkout_id') ?? '');
    if (!checkout) return page(c, 'Checkout not found', html`<h1>Checkout not found</h1><p><a href="/dashboard/billing">Back to billing</a></p>`, 404);
    const done = checkout.status === 'paid';
    return page(
      c,
      'Checkout',
      html`<h1>${done ? 'Payment received' : 'Waiting for the payment'}</h1>
        <p>${done ? (checkout.kind === 'subscription' ? 'Your subscription is active.' : 'The minutes are in your pool.') : 'The provider has not confirmed the payment yet; reload in a moment.'}</p>
        <p><a href="/dashboard/billing">Back to billing</a></p>`,
    );
  });

  app.post('/billing/webhooks/stripe', async (c) => {
    await signatureGuesses?.check(clientIp(c));
    const parsed = billing.adapter.parseWebhook(await c.req.text(), c.req.raw.headers);
    if (!parsed.ok) {
      await signatureGuesses?.failed(clientIp(c));
      return c.json({ error: parsed.error }, 400);
    }
    const event = parsed.event;
    if (event.kind === 'ignored') return c.json({ received: true, handled: false, reason: event.reason });
    if (event.kind === 'subscription_updated' || event.kind === 'subscription_deleted' || event.kind === 'invoice_paid' || event.kind === 'invoice_payment_failed') {
      const outcome = await billing.applyProviderEvent(event);
      return c.json({ received: true, handled: outcome === 'applied', outcome });
    }
    if (event.kind === 'payment_succeeded') {
      // Only auto top-up charges are ours (their metadata); checkouts are settled by checkout.session.completed.
      if (event.metadata.kind !== 'auto_top_up' || !event.metadata.reference) return c.json({ received: true, handled: false, reason: 'not an auto top-up charge' });
      const outcome = await billing.creditLateAutoTopUp({ topUpId: event.metadata.reference, paymentIntentId: event.paymentIntentId, amountCents: event.amountCents, currency: event.currency });
      return c.json({ received: true, handled: outcome === 'applied', outcome });
    }
    if (event.kind === 'checkout_expired') {
      await billing.expireCheckout(event.reference);
      return c.json({ received: true, handled: true });
    }
    try {
      const { checkout, replayed } = await billing.completeCheckout(event.reference, {
        providerRef: event.sessionId,
        amountCents: event.amountCents,
        currency: event.currency,
        customerId: event.customerId,
        subscriptionId: event.subscriptionId,
      });
      return c.json({ received: true, handled: true, checkout_id: checkout.id, status: checkout.status, replayed });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.kind === 'not_found') return c.json({ received: true, handled: false, reason: 'unknown checkout' });
      return c.json({ error: err.message, reason: err.details?.reason ?? null }, 409);
    }
  });
}
