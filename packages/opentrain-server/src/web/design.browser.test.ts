/**
 * Every main OpenTrain page in chromium at desktop and phone width: axe-core finds no serious or
 * critical violation, nothing scrolls sideways, no table shows a raw enum or a bare dash, the
 * strict CSP holds (no console errors); and the main forms work by keyboard alone. One browser,
 * several pages. `SCREENSHOTS_DIR` also saves screenshots (scripts/screenshots.ts).
 */
import { existsSync } from 'node:fs';
import { checkPage, tabTo } from '@platform/kit/testing';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { employer, type Employer, fundCredits, hireable } from '../money/test-fixtures';
import { CHROMIUM_PATH, launchChromium } from '../testing/browser';
import { type Harness, startHarness, uniqueEmail } from '../testing/harness';
import type { WebClient } from '../testing/web-client';

let h: Harness;
let browser: Browser;
let owner: Employer;
let approvalPath: string;

beforeAll(async () => {
  [h, browser] = await Promise.all([startHarness(), launchChromium()]);
  owner = await employer(h, 'Design agent');
  await fundCredits(h, owner.organizationId, 60_000);
  const { proposalId } = await hireable(h, owner);
  const hire = await h.api(`/proposals/${proposalId}/hire`, { method: 'POST', token: owner.agentToken, body: { milestone: { name: 'First batch', description: 'Label 1,000 clips', amount: 500 } } });
  expect(hire.status).toBe(202);
  approvalPath = new URL(hire.body.approval.approvalUrl).pathname;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** A browser context signed in as the web client's user (same session cookie). */
async function signedInContext(web: WebClient): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: h.url });
  await context.addCookies([...web.cookies].map(([name, value]) => ({ name, value, url: h.url })));
  return context;
}

describe.skipIf(!existsSync(CHROMIUM_PATH))('OpenTrain pages on the design system', () => {
  it('public pages pass axe, fit a phone and show no raw enums', async () => {
    const context = await browser.newContext({ baseURL: h.url });
    const page = await context.newPage();
    const problems = [
      ...(await checkPage(page, '/', 'opentrain-home')),
      ...(await checkPage(page, '/signin', 'opentrain-signin')),
      ...(await checkPage(page, '/signup', 'opentrain-signup')),
      ...(await checkPage(page, '/claim', 'opentrain-claim-explained')),
      ...(await checkPage(page, '/jobs', 'opentrain-jobs')),
      ...(await checkPage(page, '/freelancer/signup', 'opentrain-freelancer-signup')),
    ];
    await page.goto('/');
    for (const audience of ['Agent builders', 'Account owners', 'AI trainers', 'Quick start for agents']) {
      expect(await page.getByRole('heading', { name: audience }).count()).toBe(1);
    }
    await context.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('owner pages (account, billing, approval, team) make the money and permission at stake plain', async () => {
    const context = await signedInContext(owner.web);
    const page = await context.newPage();
    const problems = [
      ...(await checkPage(page, '/account', 'opentrain-account')),
      ...(await checkPage(page, '/billing', 'opentrain-billing')),
      ...(await checkPage(page, approvalPath, 'opentrain-approval')),
      ...(await checkPage(page, '/account/team', 'opentrain-team')),
    ];
    expect(problems).toEqual([]);

    // The approval page says who is paid, how much, from which source and what remains.
    await page.goto(approvalPath);
    expect(await page.locator('[data-freelancer]').textContent()).toBe('Maria G.');
    expect(await page.locator('[data-amount="total"]').textContent()).toBe('$559.95');
    expect(await page.getByLabel(/Credits \(\$600\.00 available\)/).isChecked()).toBe(true);
    expect(await page.locator('[data-remaining="credits"]').textContent()).toBe('Leaves $40.05 of credits.');

    // Billing: ledger types in words, money in the reader's locale.
    await page.goto('/billing');
    expect(await page.locator('tr[data-entry-type="TOP_UP"] td[data-label="Type"]').first().textContent()).toBe('Top-up');
    await context.close();

    const german = await browser.newContext({ baseURL: h.url, locale: 'de-DE' });
    await german.addCookies([...owner.web.cookies].map(([name, value]) => ({ name, value, url: h.url })));
    const dePage = await german.newPage();
    await dePage.goto('/billing');
    expect(await dePage.locator('[data-balance="available"]').textContent()).toBe('600,00\u00a0$');
    await german.close();
  }, 120_000);

  it('the claim code form and the freelancer pages pass on desktop and phone', async () => {
    // A human with a pending claim, signed in with the reserved email: the code form.
    const agent = await h.registerAgent({ agent_name: 'Phone-width agent with a long name', organization_name: 'Acme Labelling International' });
    const email = uniqueEmail('claimer');
    const claim = await h.startClaim(agent.claim_token, email);
    const claimPath = new URL(claim.verification_uri).pathname + new URL(claim.verification_uri).search;
    const claimer = await h.signInByLink(email, claimPath);
    const context = await signedInContext(claimer.web);
    const page = await context.newPage();
    const problems = await checkPage(page, claimPath, 'opentrain-claim');
    await context.close();

    const trainer = await h.signInByLink(uniqueEmail('trainer'), '/freelancer/profile');
    const trainerContext = await signedInContext(trainer.web);
    const trainerPage = await trainerContext.newPage();
    problems.push(...(await checkPage(trainerPage, '/freelancer/profile', 'opentrain-freelancer-profile')));
    await trainerContext.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('works by keyboard alone: sign in, confirm an approval, revoke a token through the confirmation dialog', async () => {
    const anonymous = await browser.newContext({ baseURL: h.url });
    const page = await anonymous.newPage();
    await page.goto('/signin');
    await tabTo(page, 'main input[name="email"]');
    await page.keyboard.type(uniqueEmail('keyboard'));
    await tabTo(page, 'main button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await anonymous.close();

    const context = await signedInContext(owner.web);
    const ownerPage = await context.newPage();
    await ownerPage.goto(approvalPath);
    await tabTo(ownerPage, 'main form[action$="/confirm"] button[type="submit"]');
    await Promise.all([ownerPage.waitForURL(`**${approvalPath}`), ownerPage.keyboard.press('Enter')]);
    await ownerPage.locator('[data-approval-status="confirmed"]').waitFor();

    await ownerPage.goto('/account');
    const before = await ownerPage.locator('form[action="/account/tokens/revoke"]').count();
    expect(before).toBeGreaterThan(0);
    await tabTo(ownerPage, 'form[action="/account/tokens/revoke"] button');
    await ownerPage.keyboard.press('Enter');
    const dialog = ownerPage.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('stops working at once');
    // Focus starts on Cancel (the safe choice); Tab moves to the action.
    await ownerPage.keyboard.press('Tab');
    await ownerPage.keyboard.press('Enter');
    // The revoke is a form post and a page load: under a loaded CI machine that takes more than poll's default second.
    await expect.poll(() => ownerPage.locator('form[action="/account/tokens/revoke"]').count(), { timeout: 15_000 }).toBe(before - 1);
    await context.close();
  }, 120_000);
});
