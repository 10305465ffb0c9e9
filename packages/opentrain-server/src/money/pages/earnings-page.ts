/**
 * @module `/freelancer/earnings`: what the signed-in AI trainer has been paid (milestone captures
 * credited to them, minus refunds), newest first. Only the trainer's own earnings, ever.
 */
import type { AppEnv } from '@platform/kit';
import { html, redirectTo } from '@platform/kit';
import type { Hono } from 'hono';
import { formatUsd } from '../../payments/index';
import type { MoneyServices } from '../context';
import { currentUser, render } from '../../platform/web-ui';
import type { MoneyServiceSet } from '../module-services';

export function mountEarningsPage(app: Hono<AppEnv>, services: MoneyServices, money: MoneyServiceSet): void {
  app.get('/freelancer/earnings', async (c) => {
    const user = await currentUser(c, services);
    if (!user) return redirectTo(c, '/signin?next=/freelancer/earnings');
    const totals = await money.credits.getEarnings(user.id);
    const page = await money.credits.listEarnings(user.id, { limit: 50 });
    return render(c, services, {
      title: 'Earnings',
      user,
      body: html`<h1>Your earnings</h1>
        <table>
          <tr><th>Earned</th><td data-earned>${formatUsd(totals.earnedCents)}</td></tr>
          <tr><th>Paid for approved milestones</th><td>${formatUsd(totals.capturedCents)}</td></tr>
          <tr><th>Refunded</th><td>${formatUsd(totals.refundedCents)}</td></tr>
        </table>
        <h2>Payments</h2>
        ${
          page.earnings.length === 0
            ? html`<p>No payments yet: you are paid when a client approves a funded milestone.</p>`
            : html`<table><thead><tr><th>When</th><th>Type</th><th>Amount</th></tr></thead><tbody>
              ${page.earnings.map((e) => html`<tr data-earning="${e.type}"><td>${e.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</td><td>${e.type === 'CAPTURE' ? 'Milestone approved' : 'Refund'}</td><td>${formatUsd(e.amountCents)}</td></tr>`)}
            </tbody></table>`
        }`,
    });
  });
}
