/**
 * @module `/freelancer/earnings`: what the signed-in AI trainer has been paid (milestone captures
 * credited to them, minus refunds), newest first. Only the trainer's own earnings, ever.
 */
import type { AppEnv } from '@platform/kit';
import { dataTable, emptyState, type EnumBadges, facts, formatDateTime, formatMoney, html, redirectTo, requestLocale, statusBadge } from '@platform/kit';
import type { Hono } from 'hono';
import type { FreelancerEarning } from '../../credits';
import type { MoneyServices } from '../context';
import { currentUser } from '../../platform/web-ui';
import type { MoneyServiceSet } from '../module-services';

/** An earning's kind in words: money in (an approved milestone) or money out (a refund to the client). */
const EARNING_BADGES: EnumBadges<FreelancerEarning['type']> = {
  CAPTURE: { label: 'Milestone approved: paid to you', tone: 'success' },
  REFUND: { label: 'Refunded to the client', tone: 'warning' },
};

export function mountEarningsPage(app: Hono<AppEnv>, services: MoneyServices, money: MoneyServiceSet): void {
  app.get('/freelancer/earnings', async (c) => {
    const user = await currentUser(c, services);
    if (!user) return redirectTo(c, '/signin?next=/freelancer/earnings');
    const locale = requestLocale(c);
    const usd = (cents: number) => formatMoney(cents, locale);
    const totals = await money.credits.getEarnings(user.id);
    const page = await money.credits.listEarnings(user.id, { limit: 50 });
    return services.freelancerFrame.render(c, {
      title: 'Earnings',
      user,
      body: html`<h1>Your earnings</h1>
        <p>You are paid when a client approves a funded milestone: the milestone's amount is yours in full (the client pays the marketplace fee on top).</p>
        <article class="stakes"><header><h2>Paid to you</h2></header>
          ${facts(
            [
              ['Paid for approved milestones', usd(totals.capturedCents), { 'data-captured': true }],
              ['Refunded to clients', usd(totals.refundedCents), { 'data-refunded': true }],
              ['Earned in total', usd(totals.earnedCents), { 'data-earned': true }],
            ],
            { totalLast: true },
          )}
        </article>
        <h2>Payments</h2>
        ${dataTable<FreelancerEarning>({
          columns: [
            { label: 'When', cell: (e) => formatDateTime(e.createdAt, locale) },
            { label: 'What', cell: (e) => statusBadge(EARNING_BADGES, e.type) },
            { label: 'Amount', cell: (e) => usd(e.amountCents) },
          ],
          rows: page.earnings,
          rowAttrs: (e) => ({ 'data-earning': e.type }),
          empty: emptyState('No payments yet', 'You are paid when a client approves a funded milestone of your contract.', html`<a href="/freelancer/jobs">Find work</a>`),
        })}`,
    });
  });
}
