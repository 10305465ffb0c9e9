/**
 * Acceptance, end to end in a real browser: an agent registers over HTTP and starts the claim; the
 * human opens the emailed link from the sandbox outbox, signs up by emailed link, and enters the
 * code; the agent's next poll returns the upgraded token exactly once and the old token is dead.
 */
import { POST_CLAIM_SCOPES } from '@opentrain/api';
import { seconds } from '@platform/kit';
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

it('claims an agent account: agent over HTTP, human in chromium', async () => {
  // The agent: register and start the claim over plain HTTP.
  const agent = await h.registerAgent({ agent_name: 'Browser-tested agent', organization_name: 'Acme Labelling' });
  const email = uniqueEmail('owner');
  const claim = await h.startClaim(agent.claim_token, email);
  expect((await h.poll(agent.claim_token)).body.error).toBe('authorization_pending');

  // The human: open the emailed link from the sandbox outbox.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${h.url}/dev/mail?to=${encodeURIComponent(email)}`);
  expect(await page.locator('p.sandbox').first().textContent()).toContain('Sandbox');
  await page.locator('article', { hasText: 'Claim your OpenTrain agent account' }).locator('a[href*="/claim?token="]').click();
  await page.waitForURL(/\/claim\?token=ot_cat_/);
  expect(await page.textContent('main')).toContain('Browser-tested agent');

  // Sign up with exactly the reserved email, by emailed link.
  await page.getByRole('link', { name: 'Create an account' }).click();
  expect(await page.inputValue('input[name="email"]')).toBe(email);
  await page.fill('input[name="first_name"]', 'Grace');
  await page.fill('input[name="last_name"]', 'Hopper');
  await page.getByRole('button', { name: 'Email me a link to finish' }).click();
  await page.getByText('Check your email').waitFor();
  await page.getByRole('link', { name: 'sandbox outbox' }).click();
  await page.locator('article').filter({ hasText: email }).filter({ hasText: 'Create your OpenTrain account' }).locator('a[href*="/signin/verify"]').click();
  await page.getByRole('button', { name: 'Continue' }).click();

  // Back on the claim page, signed in: enter the code the agent relayed.
  await page.waitForURL(/\/claim\?token=ot_cat_/);
  await page.fill('input[name="user_code"]', claim.user_code);
  await page.getByRole('button', { name: 'Claim agent' }).click();
  await page.getByRole('heading', { name: 'Agent claimed' }).waitFor();

  const session = (await context.cookies()).find((c) => c.name === 'ot_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  await context.close();

  // The agent: the old token is rejected; the next poll returns the upgraded token exactly once.
  expect((await h.api('/auth/me', { token: agent.access_token })).status).toBe(401);
  h.clock.advance(seconds(5));
  const upgraded = await h.poll(agent.claim_token);
  expect(upgraded.status).toBe(200);
  expect(upgraded.body.scopes).toEqual(POST_CLAIM_SCOPES);
  h.clock.advance(seconds(5));
  const again = await h.poll(agent.claim_token);
  expect(again.status).toBe(400);
  expect(again.body.error).toBe('invalid_grant');
  const me = await h.api('/auth/me', { token: upgraded.body.access_token });
  expect(me.body.actor).toMatchObject({ email, fullName: 'Grace Hopper' });
  expect(me.body.account).toMatchObject({ claimed: true, organizationName: 'Acme Labelling', memberRole: 'OWNER' });
});
