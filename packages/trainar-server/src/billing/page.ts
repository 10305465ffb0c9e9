/**
 * @module Dashboard → Billing (admins): a status strip when Stripe reports a payment problem, plan
 * and seats, card management (Stripe Customer Portal), the minute pool, packs to buy (through the
 * provider's checkout), the minute ledger and billing details. Every action goes through
 * BillingService, the same as the API.
 */
import { type AppEnv, actionForm, badge, button, choiceField, csrfField, dataTable, emptyState, field, type Html, html, requestLocale, selectField } from '@platform/kit';
import { type AutoTopUpStopped, type MinuteTransaction, PACKS, type PackId, type PaymentIssue } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { formRoute, type SessionUser, signedIn } from '../platform/session';
import { formatDate, formField, page } from '../platform/view';
import type { PageDeps } from '../platform/web-ui';
import type { BillingServices } from './context';
import { formatMoney } from './present';

const minutes = (n: number) => `${n.toLocaleString('en-GB', { maximumFractionDigits: 2 })} min`;
const PORTAL_ACTION = '/dashboard/billing/portal';

type Portal = Awaited<ReturnType<BillingServices['billing']['portalAvailability']>>;

function portalButton(c: Context, label: string) {
  return actionForm(c, { action: PORTAL_ACTION, label, pending: 'Opening Stripe…' });
}

/** Spec 2.11: "A status strip flags payment failure or past-due." What happened, when Stripe retries, and the way to fix it. */
function paymentStrip(c: Context, issue: PaymentIssue, portal: Portal, when: (iso: string | null) => string): Html {
  const owed = issue.amount_due_cents !== null && issue.currency ? ` of ${formatMoney(issue.amount_due_cents, issue.currency)}` : '';
  const happened = issue.kind === 'payment_failed' ? `Stripe could not take the payment${owed} on ${when(issue.since)}.` : `Your subscription is past due: a payment${owed} has been failing since ${when(issue.since)}.`;
  const retry = issue.next_attempt_at
    ? `Stripe will try the card again on ${when(issue.next_attempt_at)}; your plan stays active meanwhile.`
    : issue.kind === 'payment_failed'
      ? 'Stripe will not try the card again on its own: update the card to keep the plan.'
      : 'No further automatic attempt is known: update the card to keep the plan.';
  return html`<section class="flash error" role="alert" aria-label="Payment problem" data-payment-issue="${issue.kind}">
    <strong>${issue.kind === 'payment_failed' ? 'Payment failed' : 'Payment past due'}</strong>
    <p>${happened} ${retry}</p>
    ${portal === 'available' ? portalButton(c, 'Update card') : html`<p>Update the card in Stripe; card management opens here once the Stripe customer is known.</p>`}
  </section>`;
}

const STOP_REASONS: Record<AutoTopUpStopped['reason'], string> = {
  declined: 'the bank declined the saved card',
  authentication_required: 'the bank wants the cardholder to confirm the payment (3-D Secure), which cannot happen automatically',
  no_saved_card: 'Stripe has no saved card for this account',
  provider_error: 'Stripe could not be reached',
};

/** A failed off-session charge turned auto top-up off: why, that nothing was added, and the way back. */
function autoTopUpNotice(c: Context, stopped: AutoTopUpStopped, portal: Portal, when: (iso: string | null) => string): Html {
  return html`<section class="flash error" role="alert" aria-label="Auto top-up turned off" data-auto-top-up-stopped="${stopped.reason}">
    <strong>Auto top-up turned off</strong>
    <p>On ${when(stopped.since)} the automatic minute pack could not be charged: ${STOP_REASONS[stopped.reason]} (${stopped.message}). No minutes were added and nothing more will be charged.</p>
    <p>Update the card, then turn auto top-up on again (the Auto top-up form below, or update_subscription).</p>
    ${portal === 'available' ? portalButton(c, 'Update card') : ''}
  </section>`;
}

function cardManagement(c: Context, portal: Portal): Html {
  if (portal === 'sandbox') return html`<p>Card management is available once Stripe is configured: the sandbox takes no cards.</p>`;
  if (portal === 'no_customer') return html`<p>Cards and invoices can be managed here after a first subscription or minute pack is paid through Stripe.</p>`;
  return html`<p>Cards and invoices are managed on Stripe's secure Customer Portal.</p>${portalButton(c, 'Manage card and invoices')}`;
}

const AUTO_TOP_UP_ACTION = '/dashboard/billing/auto-top-up';

/** Spec 2.11: buy pack P when the balance drops below a threshold (the same rule as update_subscription's auto_top_up). */
function autoTopUpForm(c: Context, current: { enabled: boolean; threshold_minutes: number; pack_id: string }, currency: string): Html {
  return html`<h3>Auto top-up</h3>
    <form method="post" action="${AUTO_TOP_UP_ACTION}" aria-label="Auto top-up">${csrfField(c)}
      ${choiceField({ name: 'enabled', value: '1', checked: current.enabled, label: 'Buy a pack automatically when the balance runs low' })}
      ${field({ name: 'threshold_minutes', label: 'When fewer minutes than this remain', type: 'number', value: String(current.threshold_minutes), attrs: { min: '0', max: '100000', step: '1' } })}
      ${selectField({ name: 'pack_id', label: 'Pack to buy', value: current.pack_id, options: PACKS.map((p) => ({ value: p.id, label: `${p.minutes} minutes (${formatMoney(p.price_cents, currency)})` })) })}
      ${button('Save auto top-up', { variant: 'secondary' })}
    </form>`;
}

async function render(c: Context, deps: PageDeps<BillingServices>, me: SessionUser, error?: string, status?: number) {
  const { billing } = deps.services;
  const [sub, balance, details, ledger, portal] = await Promise.all([
    billing.getSubscription(me.tenantId),
    billing.getBalance(me.tenantId),
    billing.getBillingDetails(me.tenantId),
    billing.listTransactions(me.tenantId, { limit: 50, offset: 0 }),
    billing.portalAvailability(me.tenantId),
  ]);
  const locale = requestLocale(c);
  const currency = details.currency ?? 'gbp';
  const tone = balance.action === 'stop' ? 'danger' : balance.action === 'warn' ? 'warning' : 'success';
  return page(c, {
    title: 'Billing',
    user: me,
    error,
    status,
    body: html`<h1>Billing</h1>
      ${sub.payment_issue ? paymentStrip(c, sub.payment_issue, portal, (iso) => formatDate(iso, me.timezone, locale)) : ''}
      ${balance.auto_top_up_stopped ? autoTopUpNotice(c, balance.auto_top_up_stopped, portal, (iso) => formatDate(iso, me.timezone, locale)) : ''}
      <article aria-label="Subscription">
        <h2>${sub.plan ? sub.plan.name : 'No paid plan'} ${badge(sub.status === 'active' ? 'Active' : sub.status === 'trial' ? 'Trial' : 'Canceled', sub.status === 'active' ? 'success' : 'neutral')}</h2>
        <p>${sub.seats} seat${sub.seats === 1 ? '' : 's'}${sub.plan ? html` × ${formatMoney(sub.plan.price_per_seat_cents, currency)}/seat/month, ${sub.plan.minutes_per_seat} minutes per seat (${sub.included_minutes_per_period} per period)` : ''}</p>
        ${sub.period_end ? html`<p>${sub.cancel_at_period_end ? 'Ends' : 'Renews'} ${formatDate(sub.period_end, me.timezone, locale)}</p>` : ''}
        ${sub.pending_checkout ? html`<p><a href="${sub.pending_checkout.checkout_url}">Finish the pending checkout</a></p>` : ''}
      </article>
      <article aria-label="Card and invoices">
        <h2>Card and invoices</h2>
        ${cardManagement(c, portal)}
      </article>
      <article aria-label="Minutes">
        <h2>Minutes ${badge(minutes(balance.remaining), tone)}</h2>
        <dl>
          <dt>Included (this period)</dt><dd data-field="included">${minutes(balance.included)}</dd>
          <dt>Purchased (no expiry)</dt><dd data-field="purchased">${minutes(balance.purchased)}</dd>
          <dt>Used this period</dt><dd data-field="used">${minutes(balance.used_this_period)}</dd>
        </dl>
        <h3>Buy minutes</h3>
        <div class="actions">${PACKS.map((p) => actionForm(c, { action: '/dashboard/billing/packs', label: `Buy ${p.minutes} minutes (${formatMoney(p.price_cents, currency)})`, hidden: { pack_id: p.id } }))}</div>
        ${autoTopUpForm(c, details.auto_top_up, currency)}
      </article>
      <h2>Minute transactions</h2>
      ${dataTable({
        columns: [
          { label: 'When', cell: (t: MinuteTransaction) => formatDate(t.created_at, me.timezone, locale) },
          { label: 'Type', cell: (t: MinuteTransaction) => t.type.replace('_', ' ') },
          { label: 'Minutes', cell: (t: MinuteTransaction) => (t.minutes > 0 ? `+${t.minutes}` : String(t.minutes)) },
          { label: 'Balance after', cell: (t: MinuteTransaction) => String(t.balance_after) },
        ],
        rows: ledger.transactions,
        empty: emptyState('No transactions yet'),
      })}
      <article aria-label="Billing details">
        <h2>Billing details</h2>
        <dl>
          <dt>Currency</dt><dd>${currency.toUpperCase()}${details.currency_locked ? ' (fixed after the first payment)' : ''}</dd>
          <dt>Tax ID</dt><dd>${details.tax_id ?? 'None'}</dd>
          <dt>Address</dt><dd>${Object.values(details.address).filter(Boolean).join(', ') || 'None'}</dd>
          <dt>Payments</dt><dd>${details.payment_provider === 'sandbox' ? 'Sandbox (no real money)' : 'Stripe'}</dd>
        </dl>
        <p><small>Change plan, seats and billing details with the API (update_subscription).</small></p>
      </article>`,
  });
}

export function mountBillingPage(app: Hono<AppEnv>, deps: PageDeps<BillingServices>): void {
  const again = (c: Context, me: SessionUser, error: string, status: number) => render(c, deps, me, error, status);
  const adminForm = (path: string, handle: (c: Context, me: SessionUser, form: Record<string, unknown>) => Promise<Response>) => app.post(path, formRoute(deps, handle, again, { adminOnly: true }));
  app.get(
    '/dashboard/billing',
    signedIn(deps, (c, me) => render(c, deps, me), { adminOnly: true }),
  );
  adminForm('/dashboard/billing/packs', async (c, me, form) => {
    const packId = formField(form, 'pack_id') as PackId;
    if (!PACKS.some((p) => p.id === packId)) return render(c, deps, me, 'Choose one of the packs listed.', 400);
    const checkout = await deps.services.billing.buyPack(me.tenantId, packId);
    return c.redirect(checkout.checkout_url, 303);
  });
  adminForm(AUTO_TOP_UP_ACTION, async (c, me, form) => {
    const threshold = Number(formField(form, 'threshold_minutes'));
    if (formField(form, 'threshold_minutes').trim() === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 100_000) {
      return render(c, deps, me, 'When fewer minutes than this remain: a number of minutes from 0 to 100,000.', 400);
    }
    const packId = formField(form, 'pack_id') as PackId;
    if (!PACKS.some((p) => p.id === packId)) return render(c, deps, me, 'Pack to buy: choose one of the packs listed.', 400);
    await deps.services.billing.updateSubscription(me.tenantId, { auto_top_up: { enabled: formField(form, 'enabled') === '1', threshold_minutes: threshold, pack_id: packId } });
    return c.redirect('/dashboard/billing', 303);
  });
  // Stripe Customer Portal: a fresh short-lived session per click (sessions expire), never a stored link.
  adminForm(PORTAL_ACTION, async (c, me) => c.redirect((await deps.services.billing.openCustomerPortal(me.tenantId)).url, 303));
}
