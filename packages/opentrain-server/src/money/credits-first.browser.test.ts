/**
 * Money goes where the human meant, in a real browser: the hire refusal's billingUrl prefills the
 * amount it said is needed; with a card kept on file and credits that cover the total, confirming
 * the approval with the page's defaults pays with credits — the card is not charged and the credits
 * drop by exactly the total.
 */
import { existsSync } from 'node:fs';
import type { Browser, } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, launchChromium, signInThrough } from '../testing/browser';
import { type Harness, startHarness } from '../testing/harness';
import { employer, hireable } from './test-fixtures';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  h = await startHarness({ startWorker: false });
  if (existsSync(CHROMIUM_PATH)) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const hire = (token: string, proposalId: string) =>
  h.api(`/proposals/${proposalId}/hire`, { method: 'POST', token, body: { milestone: { name: 'Pilot batch', amount: 100 } } });

describe.skipIf(!existsSync(CHROMIUM_PATH))('credits first', () => {
  it('prefills the needed top-up from the refusal, then pays a covered hire with credits by default (card untouched)', async () => {
    const e = await employer(h, 'Credits-first agent');
    const { proposalId } = await hireable(h, e);

    // No card, no credits: the refusal says $119.95 is needed and its billingUrl carries that amount.
    const refused = await hire(e.agentToken, proposalId);
    expect(refused.status).toBe(409);
    expect(refused.body.details.billingUrl).toBe(`${h.url}/billing?amount=119.95`);
    expect(refused.body.details.nextStep).toContain('$119.95');

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(refused.body.details.billingUrl);
    await signInThrough(page, h.mailLink, e.email);
    await page.waitForURL(/\/billing\?amount=119\.95$/);
    expect(await page.locator('input[name="amountUsd"]').inputValue()).toBe('119.95');
    expect(await page.locator('[data-needed]').textContent()).toContain('$119.95');

    // The human buys $300 of credits and keeps the sandbox card on file.
    await page.fill('input[name="amountUsd"]', '300');
    await page.getByRole('button', { name: 'Continue to checkout' }).click();
    expect(await page.getByLabel('Keep the sandbox test card').isChecked()).toBe(true);
    await Promise.all([page.waitForURL(/\/payments\/top-ups\//), page.getByRole('button', { name: 'Pay $300.00' }).click()]);
    await page.goto(`${h.url}/billing`);
    expect(await page.locator('[data-balance="available"]').textContent()).toBe('$300.00');
    expect(await page.locator('[data-card]').textContent()).not.toBe('none');
    const topUpsBefore = await page.locator('tr[data-entry-type="TOP_UP"]').count();

    // The hire now goes through; on the approval page credits are preselected and the page says so.
    const accepted = await hire(e.agentToken, proposalId);
    expect(accepted.status).toBe(202);
    const approvalUrl: string = accepted.body.approval.approvalUrl;
    await page.goto(approvalUrl);
    expect(await page.getByLabel(/Credits \(\$300\.00 available\)/).isChecked()).toBe(true);
    expect(await page.locator('[data-payment-outcome="credits"]').textContent()).toContain('$180.05 of credits remain');
    await Promise.all([page.waitForURL(approvalUrl), page.getByRole('button', { name: 'Confirm' }).click()]);
    await page.locator('[data-approval-status="confirmed"]').waitFor();

    // No card charge (no new top-up entry), and credits dropped by exactly the $119.95 total.
    await page.goto(`${h.url}/billing`);
    expect(await page.locator('[data-balance="available"]').textContent()).toBe('$180.05');
    expect(await page.locator('[data-balance="reserved"]').textContent()).toBe('$110.00');
    expect(await page.locator('tr[data-entry-type="TOP_UP"]').count()).toBe(topUpsBefore);
    expect((await h.services.credits.verifyAccount(e.organizationId)).problems).toEqual([]);
    await context.close();
  }, 120_000);
});
