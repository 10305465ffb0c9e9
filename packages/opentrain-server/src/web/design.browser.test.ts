/**
 * Every main OpenTrain page in chromium at desktop and phone width: axe-core finds no serious or
 * critical violation, nothing scrolls sideways, no table shows a raw enum or a bare dash, the
 * strict CSP holds (no console errors); and the main forms work by keyboard alone. One browser,
 * several pages. `SCREENSHOTS_DIR` also saves screenshots (scripts/screenshots.ts).
 */
import { existsSync } from 'node:fs';
import { checkPage, tabTo, walkPages } from '@platform/kit/testing';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobConversation, send } from '../messaging/test-fixtures';
import { employer, type Employer, fundCredits, hireable } from '../money/test-fixtures';
import { DRONE_JOB, publishJob } from '../talent/test-support';
import { CHROMIUM_PATH, launchChromium } from '../testing/browser';
import { type Harness, startHarness, uniqueEmail } from '../testing/harness';
import type { WebClient } from '../testing/web-client';

let h: Harness;
let browser: Browser;
let owner: Employer;
let approvalPath: string;
let publishedJobId: string;

/** A complete trainer profile, as the profile form posts it. */
const TRAINER_PROFILE = {
  first_name: 'Lena',
  last_name: 'Schmidt',
  title: 'Drone image annotator',
  country_code: 'DE',
  hourly_rate: '20',
  expertise_level: 'EXPERT',
  years_experience: '5',
  label_BOUNDING_BOX: 'on',
  label_POLYGON: 'on',
  data_IMAGE: 'on',
  software: 'CVAT',
  lang_0: 'English',
  prof_0: 'FLUENT',
};

beforeAll(async () => {
  [h, browser] = await Promise.all([startHarness(), launchChromium()]);
  owner = await employer(h, 'Design agent');
  await fundCredits(h, owner.organizationId, 60_000);
  const { proposalId } = await hireable(h, owner);
  const hire = await h.api(`/proposals/${proposalId}/hire`, { method: 'POST', token: owner.agentToken, body: { milestone: { name: 'First batch', description: 'Label 1,000 clips', amount: 500 } } });
  expect(hire.status).toBe(202);
  approvalPath = new URL(hire.body.approval.approvalUrl).pathname;
  publishedJobId = await publishJob(h, owner.token);
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

  it('every other page passes: claim code, job pages, draft review, step-up, team join', async () => {
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

    // The owner's other pages: a published job, a draft to review, the agent's request for a scope it lacks.
    const draft = await h.api('/job-drafts', { token: owner.token, method: 'POST', body: { rawJobDescription: DRONE_JOB.description } });
    expect(draft.body.draftUrl).toContain('/job-post?jobId=');
    const refused = await h.api('/webhooks', { token: owner.agentToken });
    expect(refused.body.details.reason).toBe('insufficient_scope');
    const ownerPages = new Map([
      [`/jobs/${publishedJobId}`, 'opentrain-job'],
      [`/job-post?jobId=${draft.body.jobId}`, 'opentrain-job-draft'],
      [new URL(refused.body.details.stepUpUrl).pathname, 'opentrain-scope-request'],
    ]);
    const ownerContext = await signedInContext(owner.web);
    const ownerWalk = await walkPages(await ownerContext.newPage(), [...ownerPages.keys()], { name: (path) => ownerPages.get(path) ?? path });
    problems.push(...ownerWalk.problems);
    await ownerContext.close();

    // Someone invited to the team opens the emailed join link.
    const invitee = uniqueEmail('invitee');
    expect((await h.api('/team/invites', { method: 'POST', token: owner.token, body: { email: invitee } })).status).toBe(200);
    const join = new URL(await h.mailLink(invitee, '/team/join'));
    const anonymous = await browser.newContext({ baseURL: h.url });
    problems.push(...(await checkPage(await anonymous.newPage(), join.pathname + join.search, 'opentrain-team-join')));
    await anonymous.close();
    expect(problems).toEqual([]);
  }, 240_000);

  it('a trainer applies by keyboard alone, with the error under the field, then every freelancer page passes', async () => {
    const trainerEmail = uniqueEmail('trainer');
    const trainer = await h.signInByLink(trainerEmail, '/freelancer/profile');
    await trainer.web.get('/freelancer/profile');
    const saved = await trainer.web.post('/freelancer/profile', TRAINER_PROFILE);
    expect(saved.url).toContain('/freelancer/jobs');
    const context = await signedInContext(trainer.web);
    const page = await context.newPage();

    // The apply form by keyboard: a zero bid is refused under the bid field (the API's own rule), the letter kept.
    await page.goto(`/freelancer/jobs/${publishedJobId}`);
    await tabTo(page, 'main input[name="bid_amount"]');
    await page.keyboard.type('0');
    await tabTo(page, 'main textarea[name="cover_letter"]');
    await page.keyboard.type('I draw boxes and polygons on drone images every day.');
    await tabTo(page, 'main form button[type="submit"]');
    await Promise.all([page.waitForURL('**/apply'), page.keyboard.press('Enter')]);
    expect(await page.locator('#f-bid_amount-error').textContent()).toContain('Enter an amount above 0');
    expect(await page.locator('#f-bid_amount').getAttribute('aria-invalid')).toBe('true');
    expect(await page.inputValue('#f-cover_letter')).toBe('I draw boxes and polygons on drone images every day.');
    await tabTo(page, 'main input[name="bid_amount"]');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('19.50');
    await tabTo(page, 'main form button[type="submit"]');
    await Promise.all([page.waitForURL('**/interview'), page.keyboard.press('Enter')]);
    const interviewPath = new URL(page.url()).pathname;
    // The first interview answer, by keyboard too.
    await tabTo(page, 'main textarea[name="answer"]');
    await page.keyboard.type('Two years of CVAT work on crop images.');
    await tabTo(page, 'main form button[type="submit"]');
    await Promise.all([page.waitForURL(`**${interviewPath}`), page.keyboard.press('Enter')]);
    await page.locator('li[data-role="candidate"]').first().waitFor();

    // The proposal in words: status badge, bid in the reader's money format, the interview in progress.
    await page.goto('/freelancer');
    const row = page.locator('tr[data-proposal]');
    expect(await row.locator('td[data-label="Your bid"]').textContent()).toBe('$19.50 per hour');
    expect(await row.locator('td[data-label="Status"]').textContent()).toBe('Waiting for the employer');
    expect(await row.locator('td[data-label="AI interview"]').textContent()).toContain('Continue the interview');

    // An employer writes in a contract conversation; the earnings page has nothing paid yet.
    const userId = (await h.services.users.findByEmail(trainerEmail))?.id as string;
    const { conversationId } = await jobConversation(h, { token: owner.token, organizationId: owner.organizationId, userId: owner.ownerUserId }, userId);
    expect((await send(h, owner.token, conversationId, 'Welcome! Batch 1 is ready.')).status).toBe(201);
    // The reply form by keyboard.
    await page.goto(`/freelancer/messages/${conversationId}`);
    await tabTo(page, 'main textarea[name="content"]');
    await page.keyboard.type('Thanks, starting today.');
    await tabTo(page, 'main form button[type="submit"]');
    await Promise.all([page.waitForURL(`**/freelancer/messages/${conversationId}`), page.keyboard.press('Enter')]);
    await page.locator('li[data-from="me"]').waitFor();
    expect(await page.locator('li[data-from="me"] .prose-lines').textContent()).toBe('Thanks, starting today.');
    const slug = (await h.services.freelancers.getProfile(userId))?.slug as string;
    const pages = new Map([
      ['/freelancer', 'opentrain-freelancer-proposals'],
      ['/freelancer/jobs', 'opentrain-freelancer-jobs'],
      [`/freelancer/jobs/${publishedJobId}`, 'opentrain-freelancer-job'],
      [interviewPath, 'opentrain-freelancer-interview'],
      ['/freelancer/messages', 'opentrain-freelancer-messages'],
      [`/freelancer/messages/${conversationId}`, 'opentrain-freelancer-conversation'],
      ['/freelancer/earnings', 'opentrain-freelancer-earnings'],
      ['/freelancer/profile', 'opentrain-freelancer-profile'],
      [`/freelancers/${slug}`, 'opentrain-freelancer-public-profile'],
    ]);
    const walk = await walkPages(page, [...pages.keys()], { name: (path) => pages.get(path) ?? path });
    await page.goto('/freelancer/earnings');
    expect(await page.locator('[data-earned]').textContent()).toBe('$0.00');
    expect(await page.locator('[data-empty-state]').textContent()).toContain('No payments yet');
    await context.close();
    expect(walk.problems).toEqual([]);
  }, 240_000);

  it('works by keyboard alone: sign in, confirm an approval, revoke a token through the confirmation dialog, top up credits', async () => {
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

    // A top-up by keyboard: the amount, Enter, then Pay on the (sandbox) checkout; both pages pass the checks.
    await ownerPage.goto('/billing');
    await tabTo(ownerPage, 'form[action="/billing/top-ups"] input[name="amountUsd"]');
    await ownerPage.keyboard.press('ControlOrMeta+A');
    await ownerPage.keyboard.type('25');
    await tabTo(ownerPage, 'form[action="/billing/top-ups"] button[type="submit"]');
    await Promise.all([ownerPage.waitForURL('**/sandbox/checkout/**'), ownerPage.keyboard.press('Enter')]);
    const checkoutPath = new URL(ownerPage.url()).pathname;
    expect(await ownerPage.locator('[data-amount]').textContent()).toBe('$25.00');
    const problems = await checkPage(ownerPage, checkoutPath, 'opentrain-sandbox-checkout');
    await tabTo(ownerPage, 'form[action$="/pay"] button[type="submit"]');
    await Promise.all([ownerPage.waitForURL('**/payments/top-ups/**'), ownerPage.keyboard.press('Enter')]);
    expect(await ownerPage.locator('p.notice').textContent()).toBe('Payment received: $25.00 of credits were added to the account.');
    problems.push(...(await checkPage(ownerPage, new URL(ownerPage.url()).pathname + new URL(ownerPage.url()).search, 'opentrain-top-up-return')));
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
