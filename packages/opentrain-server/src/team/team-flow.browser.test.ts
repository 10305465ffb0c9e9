/**
 * End to end in a real browser: an agent invites a colleague over the API; the colleague opens the
 * emailed link, signs up with that email and joins; the owner lets them confirm approvals on the
 * team page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../testing/browser';
import { type Harness, startHarness, uniqueEmail } from '../testing/harness';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  [h, browser] = await Promise.all([startHarness(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

it('invites by email, joins through the link after signing up, and gets the approvals permission from the owner', async () => {
  const owner = await h.claimedAgent('Team agent');
  const org = (await h.api('/auth/me', { token: owner.token })).body.account.organizationId as string;
  const email = uniqueEmail('colleague');
  const invited = await h.api('/team/invites', { method: 'POST', token: owner.token, body: { email } });
  expect(invited.body.status).toBe('invite_created');

  // The colleague: the invitation email in the sandbox outbox, then sign up with that address.
  const colleague = await browser.newContext();
  const page = await colleague.newPage();
  await page.goto(`${h.url}/dev/mail?to=${encodeURIComponent(email)}`);
  await page.locator('article', { hasText: 'on OpenTrain' }).locator('a[href*="/team/join?token="]').click();
  await page.waitForURL(/\/team\/join\?token=ot_inv_/);
  expect(await page.textContent('main')).toContain(email);
  await page.getByRole('link', { name: 'Create an account' }).click();
  expect(await page.inputValue('input[name="email"]')).toBe(email);
  await page.fill('input[name="first_name"]', 'Ada');
  await page.fill('input[name="last_name"]', 'Lovelace');
  await page.getByRole('button', { name: 'Email me a link to finish' }).click();
  await page.getByText('Check your email').waitFor();
  await page.getByRole('link', { name: 'sandbox outbox' }).click();
  await page.locator('article').filter({ hasText: email }).filter({ hasText: 'Create your OpenTrain account' }).locator('a[href*="/signin/verify"]').click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/team\/join\?token=ot_inv_/);
  await page.getByRole('button', { name: 'Join team' }).click();
  await page.getByText('You joined the team.').waitFor();
  expect(await page.locator(`tr[data-member="${email}"]`).textContent()).toContain('Team member'); // the role in words, not the raw enum
  await colleague.close();

  const member = (await h.api('/team', { token: owner.token })).body.team.members.find((m: { email: string }) => m.email === email);
  expect(member).toMatchObject({ role: 'MEMBER', name: 'Ada Lovelace', canActOnApprovals: false });

  // The owner (signed in during the claim): allow the member to confirm approvals.
  const ownerContext = await browser.newContext();
  await ownerContext.addCookies([...owner.web.cookies].map(([name, value]) => ({ name, value, url: h.url })));
  const ownerPage = await ownerContext.newPage();
  await ownerPage.goto(`${h.url}/account/team`);
  const row = ownerPage.locator(`tr[data-member="${email}"]`);
  await row.getByRole('button', { name: 'Allow' }).click();
  await ownerPage.locator(`tr[data-member="${email}"]`).getByRole('button', { name: 'Revoke' }).waitFor();
  expect(await h.services.team.canActOnApprovals(org, member.userId)).toBe(true);
  await ownerContext.close();
});
