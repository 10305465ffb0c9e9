/**
 * @module The human approval page `/approvals/{id}`: shows exactly what confirming will do (the
 * trainer, the milestone, the amounts with the 10% marketplace fee and the $9.95 contract
 * initiation fee, the payment source), lets the owner pick card or credits and edit the amount,
 * and confirm or decline. Only the account owner or a team member allowed to act on approvals
 * may see or act on it; forms are CSRF-protected and same-origin only.
 */
import { actionForm, ApiError, type AppEnv, button, csrfField, type EnumBadges, type Fact, facts, field, formatDateTime, formatMoney, type Html, html, redirectTo, requestLocale, statusBadge } from '@platform/kit';
import type { Hono } from 'hono';
import type { MoneyServices } from '../context';
import { currentUser, errorLine, readVerifiedForm, render, type WebContext } from '../../platform/web-ui';
import { chargeFor, parseUsdCents } from '../amounts';
import type { MoneyServiceSet } from '../module-services';
import type { ApprovalTerms, PaymentSource } from '../schema';
import { type ApprovalRow, approvalPath, parseJson } from '../views';

const TITLES: Record<ApprovalRow['type'], string> = {
  proposal_hire: 'Hire an AI trainer',
  milestone_fund: 'Fund a milestone',
  milestone_approve: 'Approve a milestone and pay the trainer',
  contract_end: 'End a contract',
};

type Access = { ok: true; row: ApprovalRow; userId: string } | { ok: false; response: Response | Promise<Response> };

async function access(c: WebContext, services: MoneyServices, money: MoneyServiceSet, approvalId: string): Promise<Access> {
  const user = await currentUser(c, services);
  if (!user)
    return {
      ok: false,
      response: redirectTo(c, `/signin?next=${encodeURIComponent(approvalPath(approvalId))}`),
    };
  let row: ApprovalRow | null = null;
  try {
    row = await money.approvals.get(approvalId, null);
  } catch (err) {
    if (!(err instanceof ApiError && err.kind === 'not_found')) throw err;
  }
  if (!row || !(await money.canAct(row.organization_id, user.id))) {
    // Someone else's approval reads exactly like a missing one.
    return {
      ok: false,
      response: render(c, services, {
        title: 'Approval not found',
        user,
        status: 404,
        body: html`<h1>Approval not found</h1><p>This approval does not exist or belongs to an account you cannot act for.</p>`,
      }),
    };
  }
  return { ok: true, row, userId: user.id };
}

export function mountApprovalPage(app: Hono<AppEnv>, services: MoneyServices, money: MoneyServiceSet): void {
  app.get('/approvals/:approvalId', async (c) => {
    const a = await access(c, services, money, c.req.param('approvalId'));
    if (!a.ok) return a.response;
    return render(c, services, {
      title: TITLES[a.row.type],
      user: await currentUser(c, services),
      body: await approvalBody(c, money, a.row),
    });
  });

  app.post('/approvals/:approvalId/confirm', async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const a = await access(c, services, money, c.req.param('approvalId'));
    if (!a.ok) return a.response;
    const { form } = read;
    const source: PaymentSource = form.source === 'card' ? 'card' : 'credits';
    try {
      const editable = await amountEditable(money, a.row);
      const terms = parseJson<ApprovalTerms>(a.row.terms);
      const amountCents = editable && form.amount ? parseUsdCents(form.amount, 'amount') : undefined;
      await money.settlement.confirm(a.row.id, {
        userId: a.userId,
        source,
        amountCents: amountCents === terms.milestone?.amountCents ? undefined : amountCents,
      });
      return redirectTo(c, approvalPath(a.row.id));
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      const row = await money.approvals.get(a.row.id, null);
      return render(c, services, {
        title: TITLES[row.type],
        user: await currentUser(c, services),
        status: err.status,
        body: await approvalBody(c, money, row, err.message),
      });
    }
  });

  app.post('/approvals/:approvalId/decline', async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const a = await access(c, services, money, c.req.param('approvalId'));
    if (!a.ok) return a.response;
    try {
      await money.settlement.decline(a.row.id, a.userId);
      return redirectTo(c, approvalPath(a.row.id));
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500) throw err;
      return render(c, services, {
        title: TITLES[a.row.type],
        user: await currentUser(c, services),
        status: err.status,
        body: await approvalBody(c, money, a.row, err.message),
      });
    }
  });
}

/** Hire: the amount is the human's to set. Funding: only on fixed-price contracts (else rate x volume decides). */
async function amountEditable(money: MoneyServiceSet, row: ApprovalRow): Promise<boolean> {
  if (row.type === 'proposal_hire') return true;
  if (row.type !== 'milestone_fund' || !row.contract_id) return false;
  const contract = await money.contractRow(row.contract_id);
  return contract?.payment_type === 'FIXED_PRICE';
}

const STATUS_BADGES: EnumBadges<ApprovalRow['status']> = {
  pending: { label: 'Waiting for you', tone: 'warning' },
  confirmed: { label: 'Confirmed', tone: 'success' },
  declined: { label: 'Declined', tone: 'neutral' },
  expired: { label: 'Expired', tone: 'neutral' },
};

async function approvalBody(c: WebContext, money: MoneyServiceSet, row: ApprovalRow, error?: string): Promise<Html> {
  const terms = parseJson<ApprovalTerms>(row.terms);
  const m = terms.milestone;
  const context = await money.approvalContext(row);
  const locale = requestLocale(c);
  const when = (d: Date | string) => formatDateTime(d, locale);
  const usd = (cents: number) => formatMoney(cents, locale);
  const pending = row.status === 'pending';
  const status = pending
    ? html`<p>${statusBadge(STATUS_BADGES, row.status)} Requested by your agent on ${when(row.created_at)}; this request expires ${when(row.expires_at)}.</p>`
    : html`<p class="flash notice" data-approval-status="${row.status}">This approval is <strong>${STATUS_BADGES[row.status].label}</strong>${row.resolved_at ? html` (${when(row.resolved_at)})` : ''}.${row.superseded_by ? html` A newer request replaced it: <a href="${approvalPath(row.superseded_by)}">open it</a>.` : ''}</p>`;
  const who: Fact[] = [
    ['AI trainer paid', context.freelancerName, { 'data-freelancer': true }],
    context.jobTitle ? ['Job', context.jobTitle] : null,
    m ? ['Milestone', html`${m.name ?? 'Unnamed milestone'}${m.description ? html`<br /><small>${m.description}</small>` : ''}${m.dueDate ? html`<br /><small>Due ${m.dueDate}</small>` : ''}`] : null,
  ];
  let what: Html;
  if (row.type === 'proposal_hire' || row.type === 'milestone_fund') {
    const charge = chargeFor(m?.amountCents ?? 0, { hire: row.type === 'proposal_hire' });
    what = html`<p class="lead">${row.type === 'proposal_hire' ? 'Starts a contract with this trainer and funds its first milestone into escrow.' : 'Funds this milestone into escrow.'} The milestone amount is held in escrow and paid to the trainer only when you approve the milestone.</p>
      ${facts([
        ...who,
        ['Milestone (escrow)', usd(charge.milestoneCents), { 'data-amount': 'milestone' }],
        ['Marketplace fee (10%)', usd(charge.marketplaceFeeCents), { 'data-amount': 'fee' }],
        row.type === 'proposal_hire' ? ['Contract initiation fee', usd(charge.initiationFeeCents), { 'data-amount': 'initiation' }] : null,
        ['Total charged', usd(charge.totalCents), { 'data-amount': 'total' }],
      ], { totalLast: true })}
      ${pending ? await payForm(c, money, row, m?.amountCents ?? 0, charge.totalCents) : ''}`;
  } else if (row.type === 'milestone_approve') {
    const amount = m?.amountCents ?? 0;
    what = html`<p class="lead">Releases the escrow of <strong data-amount="milestone">${usd(amount)}</strong> to ${context.freelancerName} and captures the 10% marketplace fee held with it. This cannot be undone.</p>
      ${facts([
        ...who,
        ['Paid from', 'The escrow you funded for this milestone (no new charge)'],
        pending ? ['Left in escrow on this contract afterwards', usd(Math.max(0, context.fundedCents - amount)), { 'data-remaining': 'escrow' }] : null,
      ])}
      ${pending ? decisionForms(c, row, html``) : ''}`;
  } else {
    what = html`<p class="lead">Ends the contract. Funded milestones not yet approved are released back to your credits:
        <strong data-amount="release">${usd(context.fundedCents)}</strong> of escrow plus the marketplace fees held with it. Unfunded milestones are cancelled.</p>
      ${facts([...who, ['Nobody is paid', 'Ending pays no one; approved milestones stay paid'], ['Left in escrow afterwards', usd(0)]])}
      ${pending ? decisionForms(c, row, html``) : ''}`;
  }
  const result =
    row.status === 'confirmed' && context.contractId
      ? html`<p>Contract <code data-contract-id>${context.contractId}</code>. Your <a href="/billing">credits and ledger</a> show the movement.</p>`
      : '';
  return html`<h1>${TITLES[row.type]}</h1>${errorLine(error)}${status}
    <article class="stakes"><header><h2>What confirming does</h2></header>${what}</article>
    ${result}<p><small>Approval <code>${row.id}</code></small></p>`;
}

/**
 * Money goes where the human meant: credits are preselected when they cover the total; the card only
 * when credits fall short (or when the human picks it). The page says which source pays and what remains.
 */
export function defaultPaymentSource(availableCents: number, totalCents: number, hasCard: boolean): PaymentSource {
  return availableCents >= totalCents || !hasCard ? 'credits' : 'card';
}

async function payForm(c: WebContext, money: MoneyServiceSet, row: ApprovalRow, amountCents: number, totalCents: number): Promise<Html> {
  const locale = requestLocale(c);
  const balance = await money.credits.getBalance(row.organization_id);
  const card = await money.payments.paymentMethods.getPaymentMethod(row.organization_id);
  const editable = await amountEditable(money, row);
  const source = defaultPaymentSource(balance.availableCents, totalCents, Boolean(card));
  const left = balance.availableCents - totalCents;
  const usd = (cents: number) => formatMoney(cents, locale);
  const creditsNote =
    left >= 0
      ? html`<small class="hint" data-remaining="credits">Leaves ${formatMoney(left, locale)} of credits.</small>`
      : html`<small class="field-error" data-remaining="credits">${formatMoney(-left, locale)} short: <a href="/billing?amount=${(-left / 100).toFixed(2)}">top up credits</a> or pay by card.</small>`;
  // Which source pays and what remains, for the preselected source.
  const outcome =
    source === 'card'
      ? html`<p data-payment-outcome="card">Credits do not cover the ${usd(totalCents)} total, so ${card?.label ?? 'your card'} is charged ${usd(totalCents)}; your credits stay at ${usd(balance.availableCents)}.</p>`
      : left >= 0
        ? html`<p data-payment-outcome="credits">Your credits pay the ${usd(totalCents)}: ${usd(left)} of credits remain. Your card is not charged.</p>`
        : html`<p class="field-error" data-payment-outcome="short">Credits fall ${usd(-left)} short of the ${usd(totalCents)} total and no card is on file: <a href="/billing?amount=${(-left / 100).toFixed(2)}">top up at least ${usd(-left)}</a>.</p>`;
  const fields = html`<fieldset><legend>Pay from</legend>
      <label><input type="radio" name="source" value="credits" ${source === 'credits' ? 'checked' : ''} /> Credits (${formatMoney(balance.availableCents, locale)} available)</label>
      ${creditsNote}
      <label><input type="radio" name="source" value="card" ${card ? (source === 'card' ? 'checked' : '') : 'disabled'} /> ${card ? card.label : 'Card (none on file)'}</label>
      ${card ? '' : html`<small class="hint">No card on file: <a href="/billing">add one or top up credits</a>.</small>`}
    </fieldset>
    ${outcome}
    ${editable ? field({ name: 'amount', label: 'Milestone amount (USD)', value: (amountCents / 100).toFixed(2), hint: 'Fees are recomputed from the amount you confirm.', attrs: { inputmode: 'decimal' } }) : ''}`;
  return decisionForms(c, row, fields);
}

function decisionForms(c: WebContext, row: ApprovalRow, fields: Html): Html {
  const csrf = csrfField(c);
  return html`<form method="post" action="${approvalPath(row.id)}/confirm">${csrf}${fields}${button('Confirm', { pending: 'Confirming…' })}</form>
    ${actionForm(c, { action: `${approvalPath(row.id)}/decline`, label: 'Decline', variant: 'secondary', confirm: 'Decline this request? Nothing is charged; your agent sees it was declined and may ask again.' })}`;
}
