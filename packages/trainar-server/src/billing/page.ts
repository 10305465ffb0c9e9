/**
 * @module Dashboard → Billing (admins): plan and seats, the minute pool, packs to buy (through the
 * provider's checkout), the minute ledger and billing details. Every action goes through
 * BillingService, the same as the API.
 */
import { type AppEnv, actionForm, badge, dataTable, emptyState, html, requestLocale } from '@platform/kit';
import { type MinuteTransaction, PACKS, type PackId } from '@trainar/api';
import type { Context, Hono } from 'hono';
import { readForm, type SessionUser, signedIn, withFormErrors } from '../platform/session';
import { formatDate, formField, page } from '../platform/view';
import type { PageDeps } from '../platform/web-ui';
import type { BillingServices } from './context';

const minutes = (n: number) => `${n.toLocaleString('en-GB', { maximumFractionDigits: 2 })} min`;
const money = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;

async function render(c: Context, deps: PageDeps<BillingServices>, me: SessionUser, error?: string, status?: number) {
  const { billing } = deps.services;
  const [sub, balance, details, ledger] = await Promise.all([
    billing.getSubscription(me.tenantId),
    billing.getBalance(me.tenantId),
    billing.getBillingDetails(me.tenantId),
    billing.listTransactions(me.tenantId, { limit: 50, offset: 0 }),
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
      <article aria-label="Subscription">
        <h2>${sub.plan ? sub.plan.name : 'No paid plan'} ${badge(sub.status === 'active' ? 'Active' : sub.status === 'trial' ? 'Trial' : 'Canceled', sub.status === 'active' ? 'success' : 'neutral')}</h2>
        <p>${sub.seats} seat${sub.seats === 1 ? '' : 's'}${sub.plan ? html` × ${money(sub.plan.price_per_seat_cents, currency)}/seat/month, ${sub.plan.minutes_per_seat} minutes per seat (${sub.included_minutes_per_period} per period)` : ''}</p>
        ${sub.period_end ? html`<p>${sub.cancel_at_period_end ? 'Ends' : 'Renews'} ${formatDate(sub.period_end, me.timezone, locale)}</p>` : ''}
        ${sub.pending_checkout ? html`<p><a href="${sub.pending_checkout.checkout_url}">Finish the pending checkout</a></p>` : ''}
      </article>
      <article aria-label="Minutes">
        <h2>Minutes ${badge(minutes(balance.remaining), tone)}</h2>
        <dl>
          <dt>Included (this period)</dt><dd data-field="included">${minutes(balance.included)}</dd>
          <dt>Purchased (no expiry)</dt><dd data-field="purchased">${minutes(balance.purchased)}</dd>
          <dt>Used this period</dt><dd data-field="used">${minutes(balance.used_this_period)}</dd>
        </dl>
        <h3>Buy minutes</h3>
        <div class="actions">${PACKS.map((p) => actionForm(c, { action: '/dashboard/billing/packs', label: `Buy ${p.minutes} minutes (${money(p.price_cents, currency)})`, hidden: { pack_id: p.id } }))}</div>
        <p>Auto top-up: ${details.auto_top_up.enabled ? `on, ${details.auto_top_up.pack_id} when under ${details.auto_top_up.threshold_minutes} minutes` : 'off'}.</p>
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
        <p><small>Change plan, seats, billing details and auto top-up with the API (update_subscription).</small></p>
      </article>`,
  });
}

export function mountBillingPage(app: Hono<AppEnv>, deps: PageDeps<BillingServices>): void {
  app.get(
    '/dashboard/billing',
    signedIn(deps, (c, me) => render(c, deps, me), { adminOnly: true }),
  );
  app.post(
    '/dashboard/billing/packs',
    signedIn(
      deps,
      (c, me) =>
        withFormErrors(
          c,
          me,
          async () => {
            const form = await readForm(c);
            const packId = formField(form, 'pack_id') as PackId;
            if (!PACKS.some((p) => p.id === packId)) return render(c, deps, me, 'Choose one of the packs listed.', 400);
            const checkout = await deps.services.billing.buyPack(me.tenantId, packId);
            return c.redirect(checkout.checkout_url, 303);
          },
          (message, status) => render(c, deps, me, message, status),
        ),
      { adminOnly: true },
    ),
  );
}
