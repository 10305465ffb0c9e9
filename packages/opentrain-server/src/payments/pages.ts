/**
 * @module Human pages for top-ups: the sandbox checkout (our stand-in for Stripe Checkout, clearly
 * labelled, Pay / Cancel with CSRF; paying credits the account once however often it is
 * submitted) and the return page a payer lands on afterwards (any provider).
 */
import { ApiError, button, choiceField, CsrfError, csrfField, type EnumBadges, facts, formatDateTime, type Html, html, layout, redirectTo, requestLocale, sameOriginOnly, statusBadge, verifyCsrf } from '@platform/kit';
import type { Context, Env, Hono } from 'hono';
import { formatUsd } from './amount';
import { SANDBOX_CHECKOUT_ROUTE, sandboxCheckoutPath, TOP_UP_RETURN_ROUTE, topUpReturnPath } from './paths';
import type { TopUpStatus } from './schema';
import type { TopUp, TopUpsService } from './top-ups-service';

export interface PaymentPagesDeps {
  topUps: TopUpsService;
  /** Shown in the page header (default "OpenTrain"). */
  product?: string;
}

const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/** A top-up's status in words. */
const TOP_UP_BADGES: EnumBadges<TopUpStatus> = {
  PENDING: { label: 'Waiting for payment', tone: 'warning' },
  COMPLETED: { label: 'Paid', tone: 'success' },
  EXPIRED: { label: 'Expired', tone: 'neutral' },
  CANCELED: { label: 'Canceled', tone: 'neutral' },
};

/** GET /sandbox/checkout/:topUpId, POST …/pay, POST …/cancel. */
export function mountSandboxCheckout<E extends Env>(app: Hono<E>, deps: PaymentPagesDeps): void {
  const product = deps.product ?? 'OpenTrain';
  const page = (c: Context, title: string, body: Html, status: 200 | 403 | 404 | 409 = 200) => c.html(layout({ title, product, body, sandbox: true }), status);

  app.get(SANDBOX_CHECKOUT_ROUTE, async (c) => {
    const topUp = await findSandboxTopUp(deps.topUps, c.req.param('topUpId') ?? '');
    if (!topUp) return page(c, 'Checkout not found', html`<h1>Checkout not found</h1><p>This sandbox checkout link is unknown.</p>`, 404);
    if (topUp.status !== 'PENDING') return page(c, 'Sandbox checkout', checkoutClosed(topUp));
    const path = sandboxCheckoutPath(topUp.id);
    // One token for both forms: before the cookie exists, each csrfField call would mint (and set) a new one.
    const csrf = csrfField(c);
    return page(
      c,
      'Sandbox checkout',
      html`<h1>Sandbox checkout</h1>
        <p class="sandbox"><strong>Sandbox payment.</strong> No card is charged and no real money moves: paying adds test credits to the account.</p>
        <article class="stakes">${facts([
          ['Item', `${product} credits`],
          ['Amount', html`<strong>${formatUsd(topUp.amountCents)}</strong>`, { 'data-amount': true }],
          ['Top-up', html`<code>${topUp.id}</code>`],
          ['Link expires', formatDateTime(topUp.expiresAt, requestLocale(c))],
        ])}</article>
        <form method="post" action="${path}/pay">
          ${csrf}
          ${choiceField({ name: 'saveCard', value: '1', checked: true, label: 'Keep the sandbox test card (•••• 4242) on file for this account' })}
          ${button(`Pay ${formatUsd(topUp.amountCents)}`, { pending: 'Paying…' })}
        </form>
        <form method="post" action="${path}/cancel">
          ${csrf}
          <button type="submit" class="secondary">Cancel</button>
        </form>`,
    );
  });

  const act = (action: 'pay' | 'cancel') =>
    async function sandboxCheckoutAction(c: Context) {
      const topUpId = c.req.param('topUpId') ?? '';
      const form = await c.req.parseBody();
      try {
        verifyCsrf(c, form);
      } catch (err) {
        if (err instanceof CsrfError) return page(c, 'Form expired', html`<h1>Form expired</h1><p class="error">${err.message}</p><p><a href="${sandboxCheckoutPath(topUpId)}">Back to the checkout</a></p>`, 403);
        throw err;
      }
      try {
        const topUp = action === 'pay' ? (await deps.topUps.payInSandbox(topUpId, { saveCard: form.saveCard === '1' })).topUp : await deps.topUps.cancel(topUpId);
        return redirectTo(c, action === 'pay' ? topUp.successUrl : topUp.cancelUrl, { allowedOrigins: deps.topUps.redirectOrigins() });
      } catch (err) {
        if (!(err instanceof ApiError) || (err.kind !== 'conflict' && err.kind !== 'not_found')) throw err;
        const topUp = await findSandboxTopUp(deps.topUps, topUpId);
        if (!topUp) return page(c, 'Checkout not found', html`<h1>Checkout not found</h1><p>This sandbox checkout link is unknown.</p>`, 404);
        return page(c, 'Sandbox checkout', html`<p class="error">${err.message}</p>${checkoutClosed(topUp)}`, 409);
      }
    };
  app.post(`${SANDBOX_CHECKOUT_ROUTE}/pay`, sameOriginOnly(), act('pay'));
  app.post(`${SANDBOX_CHECKOUT_ROUTE}/cancel`, sameOriginOnly(), act('cancel'));
}

/** GET /payments/top-ups/:topUpId?outcome=success|cancel — where the payer lands after the checkout. */
export function mountTopUpReturnPage<E extends Env>(app: Hono<E>, deps: PaymentPagesDeps): void {
  const product = deps.product ?? 'OpenTrain';
  app.get(TOP_UP_RETURN_ROUTE, async (c) => {
    let topUp: TopUp;
    try {
      topUp = await deps.topUps.getTopUp(c.req.param('topUpId') ?? '');
    } catch (err) {
      if (err instanceof ApiError && err.kind === 'not_found') return c.html(layout({ title: 'Top-up not found', product, body: html`<h1>Top-up not found</h1>` }), 404);
      throw err;
    }
    const canceled = c.req.query('outcome') === 'cancel';
    const amount = formatUsd(topUp.amountCents);
    const message =
      topUp.status === 'COMPLETED'
        ? html`<p class="notice">Payment received: ${amount} of credits were added to the account.</p>`
        : topUp.status === 'PENDING' && canceled
          ? html`<p>Checkout canceled; nothing was charged. ${topUp.checkoutUrl ? html`You can <a href="${topUp.checkoutUrl}">return to the checkout</a> until ${when(topUp.expiresAt)}.` : ''}</p>`
          : topUp.status === 'PENDING'
            ? html`<p>Waiting for the payment provider to confirm the payment of ${amount}. Refresh this page in a moment.</p>`
            : html`<p>This top-up is ${topUp.status.toLowerCase()}; nothing was charged. Ask the agent to create a new one.</p>`;
    return c.html(layout({ title: 'Top-up', product, sandbox: topUp.sandbox, body: html`<h1>Credit top-up</h1>${message}<p>Top-up <code>${topUp.id}</code> ${statusBadge(TOP_UP_BADGES, topUp.status)}</p>` }));
  });
}

async function findSandboxTopUp(topUps: TopUpsService, topUpId: string): Promise<TopUp | null> {
  try {
    const topUp = await topUps.getTopUp(topUpId);
    return topUp.sandbox ? topUp : null;
  } catch (err) {
    if (err instanceof ApiError && err.kind === 'not_found') return null;
    throw err;
  }
}

function checkoutClosed(topUp: TopUp): Html {
  const state =
    topUp.status === 'COMPLETED'
      ? html`<p class="notice">Paid: ${formatUsd(topUp.amountCents)} of sandbox credits were added to the account.</p>`
      : html`<p>This checkout is ${topUp.status.toLowerCase()}; nothing was charged.</p>`;
  return html`<h1>Sandbox checkout</h1>${state}<p><a href="${topUpReturnPath(topUp.id)}">Top-up status</a></p>`;
}
