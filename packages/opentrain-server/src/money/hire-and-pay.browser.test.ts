/**
 * Acceptance, end to end in a real browser (Debian chromium via playwright-core): the agent hires
 * over HTTP → the human opens the approval URL, signs in, tops up and pays with credits, confirms →
 * the contract is active, milestone 1 funded, the ledger shows the hold; milestone approval →
 * capture → the trainer sees the payment; ending the contract releases what remains.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
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

async function confirmInBrowser(page: Page, approvalUrl: string) {
  await page.goto(approvalUrl);
  await Promise.all([page.waitForURL(approvalUrl), page.getByRole('button', { name: 'Confirm' }).click()]);
  await page.locator('[data-approval-status="confirmed"]').waitFor();
}

describe.skipIf(!existsSync(CHROMIUM_PATH))('hire and pay in a browser', () => {
  it('agent hires; human signs in, pays with credits and confirms; approval pays the trainer; end releases the rest', async () => {
    const e = await employer(h, 'Browser money agent');
    const { trainer, proposalId } = await hireable(h, e);

    // The agent has the human buy credits first (hire needs covering credits or a card on file).
    const topUp = await h.api('/credits/top-ups', {
      method: 'POST',
      token: e.token,
      body: { amountUsd: 600 },
    });
    expect(topUp.status).toBe(201);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(topUp.body.checkoutUrl);
    await page.getByLabel('Keep the sandbox test card').uncheck();
    await Promise.all([page.waitForURL(/\/payments\/top-ups\//), page.getByRole('button', { name: 'Pay $600.00' }).click()]);
    expect(await page.locator('p.notice').textContent()).toContain('$600.00 of credits were added');

    // The agent asks to hire: nothing is charged yet.
    const hire = await h.api(`/proposals/${proposalId}/hire`, {
      method: 'POST',
      token: e.agentToken,
      body: {
        milestone: {
          name: 'First batch',
          description: 'Label 1,000 clips',
          amount: 500,
        },
      },
    });
    expect(hire.status).toBe(202);
    const approvalUrl: string = hire.body.approval.approvalUrl;

    // The human opens the approval link and signs in.
    await page.goto(approvalUrl);
    await signInThrough(page, h.mailLink, e.email);
    await page.waitForURL(approvalUrl);
    expect(await page.locator('h1').textContent()).toBe('Hire an AI trainer');
    expect(await page.locator('[data-freelancer]').textContent()).toBe('Maria G.');
    expect(await page.locator('[data-amount="milestone"]').textContent()).toBe('$500.00');
    expect(await page.locator('[data-amount="fee"]').textContent()).toBe('$50.00');
    expect(await page.locator('[data-amount="initiation"]').textContent()).toBe('$9.95');
    expect(await page.locator('[data-amount="total"]').textContent()).toBe('$559.95');

    expect(await page.getByText('Card (none on file)').count()).toBe(1);

    // Pay with credits, confirm.
    expect(await page.getByLabel(/Credits \(\$600\.00 available\)/).isChecked()).toBe(true);
    await confirmInBrowser(page, approvalUrl);
    const contractId = await page.locator('[data-contract-id]').textContent();
    expect(contractId).toMatch(/^ctr_/);

    // The contract is active with milestone 1 funded; the ledger shows the hold.
    const contract = (await h.api(`/contracts/${contractId}`, { token: e.agentToken })).body.contract;
    expect(contract).toMatchObject({
      status: 'active',
      hasActiveMilestone: true,
    });
    expect(contract.milestones[0]).toMatchObject({
      status: 'ACTIVE_FUNDED',
      amountUsd: 500,
    });
    await page.goto(`${h.url}/billing`);
    expect(await page.locator('[data-balance="available"]').textContent()).toBe('$40.05');
    expect(await page.locator('[data-balance="reserved"]').textContent()).toBe('$550.00');
    expect(await page.locator('tr[data-entry-type="HOLD"]').count()).toBe(3);

    // Milestone approval → capture → the trainer is paid.
    const approve = await h.api(`/milestones/${contract.milestones[0].id}/approve`, { method: 'POST', token: e.token });
    expect(approve.status).toBe(202);
    await confirmInBrowser(page, approve.body.approval.approvalUrl);
    const trainerContext = await browser.newContext();
    const trainerPage = await trainerContext.newPage();
    await trainerPage.goto(`${h.url}/freelancer/earnings`);
    await signInThrough(trainerPage, h.mailLink, trainer.email);
    await trainerPage.waitForURL(/\/freelancer\/earnings$/);
    expect(await trainerPage.locator('[data-earned]').textContent()).toBe('$500.00');
    await trainerContext.close();

    // A second milestone, funded with credits, then the contract is ended: what remains is released.
    const m2 = await h.api(`/contracts/${contractId}/milestones`, {
      method: 'POST',
      token: e.token,
      body: { description: 'Second batch', amountUsd: 20 },
    });
    const fund = await h.api(`/milestones/${m2.body.milestone.id}/fund`, {
      method: 'POST',
      token: e.token,
    });
    await confirmInBrowser(page, fund.body.approval.approvalUrl);
    await page.goto(`${h.url}/billing`);
    expect(await page.locator('[data-balance="reserved"]').textContent()).toBe('$22.00');
    const end = await h.api(`/contracts/${contractId}/end`, {
      method: 'POST',
      token: e.token,
    });
    expect(end.status).toBe(202);
    await page.goto(end.body.approval.approvalUrl);
    expect(await page.locator('[data-amount="release"]').textContent()).toBe('$20.00');
    await confirmInBrowser(page, end.body.approval.approvalUrl);
    await page.goto(`${h.url}/billing`);
    expect(await page.locator('[data-balance="reserved"]').textContent()).toBe('$0.00');
    expect(await page.locator('[data-balance="available"]').textContent()).toBe('$40.05');
    expect(await page.locator('tr[data-entry-type="HOLD_RELEASE"]').count()).toBe(2);
    expect((await h.api(`/contracts/${contractId}`, { token: e.agentToken })).body.contract.status).toBe('ended');
    expect((await h.services.credits.verifyAccount(e.organizationId)).problems).toEqual([]);
    await context.close();
  }, 120_000);
});
