/**
 * A real freelancer, in chromium: signs in by emailed link, opens /freelancer/messages, sees the
 * employer's message in the job DM, replies (the agent reads it over the API and gets
 * message.received), has a policy-breaking reply refused with the draft kept, and blocks the employer.
 */
import { readEvents, waitForEventHorizon } from '@platform/kit';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../../testing/browser';
import { type Harness, startHarness } from '../../testing/harness';
import { claimedEmployer, freelancerUser, jobConversation, send } from '../test-fixtures';

let h: Harness;
let browser: Browser;
beforeAll(async () => {
  [h, browser] = await Promise.all([startHarness(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

it('a freelancer reads and replies to an employer on the web page', async () => {
  const employer = await claimedEmployer(h, 'Hiring agent');
  const freelancer = await freelancerUser(h, 'Maria', 'Garcia');
  const { conversationId, jobId } = await jobConversation(h, employer, freelancer.userId);
  expect((await send(h, employer.token, conversationId, 'Welcome! Please start with batch 1.')).status).toBe(201);

  const context = await browser.newContext();
  const page = await context.newPage();
  // Signed out: the messages page sends the freelancer to sign in, and back.
  await page.goto(`${h.url}/freelancer/messages`);
  await page.waitForURL(/\/signin\?next=/);
  await page.fill('input[name="email"]', freelancer.email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Check your email').waitFor();
  await page.goto(`${h.url}/dev/mail?to=${encodeURIComponent(freelancer.email)}`);
  // The outbox also holds the "New message" notification; follow the sign-in link.
  await page.locator('a[href*="/signin/verify"]').first().click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/freelancer\/messages$/);

  const row = page.locator(`tr[data-conversation="${conversationId}"]`);
  expect(await row.textContent()).toContain('Welcome! Please start with batch 1.');
  expect(await row.locator('td[data-label="Unread"]').textContent()).toBe('1 unread');
  await row.getByRole('link').click();
  await page.waitForURL(new RegExp(`/freelancer/messages/${conversationId}$`));
  expect(await page.locator('li[data-from="employer"]').textContent()).toContain('Welcome! Please start with batch 1.');

  // A reply the policy refuses is shown with the reason, and the draft is kept.
  await page.fill('textarea[name="content"]', 'Sure, email me at maria.g@gmail.com');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('alert').textContent()).toContain('contact details');
  expect(await page.inputValue('textarea[name="content"]')).toBe('Sure, email me at maria.g@gmail.com');

  await page.fill('textarea[name="content"]', 'Thanks! Starting batch 1 now.');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await page.locator('li[data-from="me"]').waitFor();
  expect(await page.locator('li[data-from="me"]').textContent()).toContain('Thanks! Starting batch 1 now.');

  // The agent sees the reply over the API, and the organization got message.received.
  const read = await h.api(`/messages?conversationId=${conversationId}&direction=newer`, { token: employer.token });
  expect(read.body.messages.map((m: { content: string; isFromViewer: boolean }) => [m.isFromViewer, m.content])).toEqual([
    [true, 'Welcome! Please start with batch 1.'],
    [false, 'Thanks! Starting batch 1 now.'],
  ]);
  await waitForEventHorizon(h.services.db);
  const events = await readEvents(h.services.db, {
    scope: employer.organizationId,
    types: ['message.received'],
  });
  expect(events.events.map((e) => e.payload)).toEqual([{ conversationId, messageId: read.body.messages[1].id, jobId }]);

  // Blocking the employer asks first (it stops both sides' messages), then stops their messages.
  await page.getByRole('button', { name: 'Block this employer' }).click();
  const dialog = page.getByRole('dialog');
  expect(await dialog.textContent()).toContain('Neither of you can send messages');
  await dialog.getByRole('button', { name: 'Block this employer' }).click();
  await page.locator('[data-state="blocked"]').waitFor();
  const blocked = await send(h, employer.token, conversationId, 'Hello?');
  expect(blocked.status).toBe(409);
  expect(blocked.body.details.reason).toBe('message_blocked');
  await page.getByRole('button', { name: 'Unblock' }).click();
  await page.locator('textarea[name="content"]').waitFor();
  await context.close();
});
