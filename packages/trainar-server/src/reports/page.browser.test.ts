/**
 * Dashboard → Reports in chromium: a member reaches Reports from the sidebar and sees a 12.5-minute
 * session in the overview (an SVG chart with a title and a table fallback); every tab passes axe at
 * desktop and phone width; a custom period without a start date is a field error on the form; the
 * Minutes tab is an admin's (it shows the pool), and the admin sees the 12.5 minutes there.
 */
import { ManualClock } from '@platform/kit';
import { checkPage, launchChromium } from '@platform/kit/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceCall, PASSWORD, pairDevice, startHarness, type TenantFixture, type TrainArHarness, uniqueEmail } from '../testing/index';
import { hashPassword } from '../users/passwords';

let h: TrainArHarness;
let browser: Browser;
let tenant: TenantFixture;
let memberEmail: string;
// Later than the real date: the browser drops a session cookie that expired by its own clock.
const clock = new ManualClock('2027-03-02T10:00:00Z');

beforeAll(async () => {
  h = await startHarness({ clock });
  browser = await launchChromium();
  tenant = await h.createTenant('Reports Browser Ltd');
  const member = await h.invite(tenant.tenantId, 'member', uniqueEmail('reports-member'));
  memberEmail = member.email;
  await h.services.deps.db.updateTable('users').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', member.id).execute();
  const { seats } = await h.services.seats.list(tenant.tenantId);
  await h.services.seats.update(tenant.tenantId, seats[0].id, { user_id: member.id });
  const device = await pairDevice(h, tenant.tenantId);
  const started = await deviceCall(h, device.credential, 'POST', '/v1/device/sessions', { role: 'trainee' });
  for (let i = 0; i < 25; i++) {
    clock.advance(30_000);
    await deviceCall(h, device.credential, 'POST', `/v1/device/sessions/${started.body.id}/heartbeat`);
  }
  await deviceCall(h, device.credential, 'POST', `/v1/device/sessions/${started.body.id}/upload`, { summary: 'ok', score: 80 });
  clock.advance(3_600_000);
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

async function signIn(page: Page, email: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL('**/dashboard'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

describe('Reports page in a browser', () => {
  it('shows the session to a member, with accessible charts, and names the bad field of a custom period', async () => {
    const context = await browser.newContext({ baseURL: h.url });
    const page = await context.newPage();
    try {
      await signIn(page, memberEmail);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
      await page.waitForURL('**/dashboard/reports');
      expect(await page.locator('[data-field="total-sessions"]').textContent()).toContain('1');
      expect(await page.locator('[data-field="minutes-used"]').textContent()).toContain('12.5 min');
      const chart = page.getByRole('img', { name: /Sessions started/ });
      expect(await chart.count()).toBe(1);
      await page.getByText('Sessions started as a table').click();
      expect(await page.locator('details[open] tr', { hasText: '03-02' }).textContent()).toContain('1');
      expect(await page.getByRole('link', { name: 'Minutes' }).count()).toBe(0);

      const problems: string[] = [];
      for (const tab of ['overview', 'sessions', 'users', 'tasks']) problems.push(...(await checkPage(page, `/dashboard/reports?tab=${tab}&period=7d`, `trainar-reports-${tab}`)));
      expect(problems).toEqual([]);

      await page.goto('/dashboard/reports?tab=sessions');
      await page.getByLabel('Period', { exact: true }).selectOption('custom');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.locator('#f-from-error').waitFor();
      expect(await page.locator('#f-from').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#f-from-error').textContent()).toContain('from');

      await page.getByLabel('From (custom)').fill('2027-03-01');
      await page.getByLabel('To (custom)').fill('2027-03-02');
      await Promise.all([page.waitForURL('**/dashboard/reports?tab=sessions&period=custom**'), page.getByRole('button', { name: 'Show' }).click()]);
      expect(await page.locator('[data-field="sessions-total"]').textContent()).toBe('1');
      await page.getByLabel('From (custom)').fill('2027-02-01');
      await page.getByLabel('To (custom)').fill('2027-02-28');
      await Promise.all([page.waitForURL('**/dashboard/reports?**from=2027-02-01**'), page.getByRole('button', { name: 'Show' }).click()]);
      expect(await page.locator('[data-field="sessions-total"]').textContent()).toBe('0');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('gives admins the Minutes tab with the pool and daily usage', async () => {
    const context = await browser.newContext({ baseURL: h.url });
    const page = await context.newPage();
    try {
      await signIn(page, tenant.adminEmail);
      await page.goto('/dashboard/reports');
      await page.getByRole('navigation', { name: 'Reports tabs' }).getByRole('link', { name: 'Minutes' }).click();
      await page.waitForURL('**/dashboard/reports?tab=minutes**');
      expect(await page.locator('[data-field="minutes-remaining"]').textContent()).toBe('17.5 min');
      expect(await page.locator('[data-field="minutes-period"]').textContent()).toContain('12.5 min');
      expect(await page.getByRole('img', { name: /Minutes used per day/ }).count()).toBe(1);
      expect(await checkPage(page, '/dashboard/reports?tab=minutes&period=12m', 'trainar-reports-minutes')).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
