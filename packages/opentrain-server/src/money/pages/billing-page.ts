/**
 * @module `/billing` (the `billingUrl` of 409 payment_method_required): the organization's credits,
 * its card on file (the sandbox test card locally), a top-up form that opens the provider's
 * checkout, and the latest ledger entries. Owner (or allowed team member) only; CSRF-protected.
 */
import { ApiError, type AppEnv, button, choiceField, csrfField, dataTable, emptyState, enumLabel, type EnumLabels, facts, field, formatDateTime, formatMoney, type Html, html, redirectTo, requestLocale } from '@platform/kit';
import type { Hono } from 'hono';
import type { LedgerEntryType } from '../../credits';
import { parseAmountUsd } from '../../payments/index';
import type { MoneyServices } from '../context';
import { currentUser, errorLine, readVerifiedForm, render, type WebContext } from '../../platform/web-ui';
import type { MoneyServiceSet } from '../module-services';

async function organizationOf(c: WebContext, services: MoneyServices, money: MoneyServiceSet) {
  const user = await currentUser(c, services);
  if (!user) return { redirect: redirectTo(c, `/signin?next=${encodeURIComponent(c.req.path + (c.req.query('amount') ? `?amount=${c.req.query('amount')}` : ''))}`) } as const;
  const membership = await services.users.membership(user.id);
  const allowed = membership ? await money.canAct(membership.organization_id, user.id) : false;
  return {
    user,
    organizationId: allowed && membership ? membership.organization_id : null,
  } as const;
}

/** Top-up limits of the form, in cents. */
const MIN_TOP_UP_CENTS = 1000;
const MAX_TOP_UP_CENTS = 1_000_000;

/**
 * `?amount=119.95` (a refusal's billingUrl carries the shortfall) prefills the top-up, raised to the
 * $10 minimum and capped at the maximum; anything unreadable falls back to $100.
 */
export function prefilledTopUp(raw: string | undefined): { cents: number; neededCents: number | null } {
  const needed = raw && /^\d{1,7}(\.\d{1,2})?$/.test(raw.trim()) ? Math.round(Number(raw.trim()) * 100) : null;
  if (needed === null || needed <= 0) return { cents: 10_000, neededCents: null };
  return { cents: Math.min(Math.max(needed, MIN_TOP_UP_CENTS), MAX_TOP_UP_CENTS), neededCents: needed };
}

/** Ledger entry types in words. */
const ENTRY_LABELS: EnumLabels<LedgerEntryType> = {
  TOP_UP: 'Top-up',
  HOLD: 'Held in escrow',
  HOLD_RELEASE: 'Released from escrow',
  CAPTURE: 'Paid from escrow',
  REFUND: 'Refund',
  ADJUSTMENT: 'Adjustment',
};

type Entry = Awaited<ReturnType<MoneyServiceSet['credits']['recentEntries']>>[number];

async function billingBody(c: WebContext, money: MoneyServiceSet, organizationId: string, error?: string): Promise<Html> {
  const locale = requestLocale(c);
  const usd = (cents: number) => formatMoney(cents, locale);
  const prefill = prefilledTopUp(c.req.query('amount'));
  const balance = await money.credits.getBalance(organizationId);
  const card = await money.payments.paymentMethods.getPaymentMethod(organizationId);
  const entries = await money.credits.recentEntries(organizationId, 20);
  const sandbox = money.payments.adapter.sandbox;
  const amountError = error && /amount/i.test(error) ? error : undefined;
  return html`<h1>Billing</h1>
    <p>Credits pay for hires and milestones; what is in escrow is held for trainers until you approve their work or end the contract.</p>
    ${errorLine(error)}
    <article class="stakes">
      ${facts([
        ['Available credits', usd(balance.availableCents), { 'data-balance': 'available' }],
        ['Reserved in escrow', usd(balance.reservedCents), { 'data-balance': 'reserved' }],
        ['Card on file', card ? card.label : 'None', { 'data-card': true }],
      ])}
      ${
        !card && sandbox
          ? html`<form method="post" action="/billing/sandbox-card">${csrfField(c)}${button('Add the sandbox test card (•••• 4242)', { variant: 'secondary' })}</form>`
          : !card
            ? html`<p><small>To pay approvals by card, tick "Keep this card on file" when you top up; meanwhile pay approvals with credits.</small></p>`
            : ''
      }
    </article>
    <article>
      <h2>Top up credits</h2>
      <form method="post" action="/billing/top-ups">${csrfField(c)}
        ${prefill.neededCents !== null ? html`<p data-needed>Your agent needs ${usd(prefill.neededCents)} more to go ahead${prefill.cents > prefill.neededCents ? html` (the minimum top-up is ${usd(MIN_TOP_UP_CENTS)})` : ''}.</p>` : ''}
        ${field({ name: 'amountUsd', label: 'Amount (USD)', value: (prefill.cents / 100).toFixed(2), hint: 'From $10 to $10,000. You pay at checkout; credits arrive when the payment succeeds.', error: amountError, attrs: { inputmode: 'decimal' } })}
        ${sandbox ? '' : choiceField({ name: 'saveCard', value: '1', label: 'Keep this card on file to pay approvals (Stripe saves it; each approval still asks you first)' })}
        ${button('Continue to checkout', { pending: 'Opening checkout…' })}
      </form>
    </article>
    <h2>Ledger</h2>
    ${dataTable<Entry>({
      columns: [
        { label: 'When', cell: (e) => formatDateTime(e.createdAt, locale) },
        { label: 'Type', cell: (e) => enumLabel(ENTRY_LABELS, e.type) },
        { label: 'Amount', cell: (e) => usd(e.amountCents) },
        { label: 'Note', cell: (e) => e.memo, empty: 'No note' },
      ],
      rows: entries,
      rowAttrs: (e) => ({ 'data-entry-type': e.type }),
      empty: emptyState('No credit movements yet', 'Top-ups, escrow holds and payments to trainers will be listed here.'),
    })}`;
}

export function mountBillingPage(app: Hono<AppEnv>, services: MoneyServices, money: MoneyServiceSet): void {
  const forbiddenPage = (c: WebContext, user: Awaited<ReturnType<typeof currentUser>>) =>
    render(c, services, {
      title: 'Billing',
      user,
      status: 403,
      body: html`<h1>Billing</h1><p class="error">Only the account owner can manage billing.</p>`,
    });

  app.get('/billing', async (c) => {
    const who = await organizationOf(c, services, money);
    if ('redirect' in who) return who.redirect;
    if (!who.organizationId) return forbiddenPage(c, who.user);
    return render(c, services, {
      title: 'Billing',
      user: who.user,
      body: await billingBody(c, money, who.organizationId),
    });
  });

  app.post('/billing/sandbox-card', async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const who = await organizationOf(c, services, money);
    if ('redirect' in who) return who.redirect;
    if (!who.organizationId) return forbiddenPage(c, who.user);
    if (!money.payments.adapter.sandbox)
      return render(c, services, {
        title: 'Billing',
        user: who.user,
        status: 409,
        body: await billingBody(c, money, who.organizationId, 'The sandbox card is only available with sandbox payments.'),
      });
    await money.payments.paymentMethods.addSandboxCard(who.organizationId);
    return redirectTo(c, '/billing');
  });

  app.post('/billing/top-ups', async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const who = await organizationOf(c, services, money);
    if ('redirect' in who) return who.redirect;
    if (!who.organizationId) return forbiddenPage(c, who.user);
    try {
      const topUp = await money.payments.topUps.createTopUp(who.organizationId, parseAmountUsd(read.form.amountUsd), {}, { saveCard: read.form.saveCard === '1' });
      return redirectTo(c, topUp.checkoutUrl as string, { allowedOrigins: money.payments.topUps.redirectOrigins() });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return render(c, services, {
        title: 'Billing',
        user: who.user,
        status: err.status,
        body: await billingBody(c, money, who.organizationId, err.message),
      });
    }
  });
}
