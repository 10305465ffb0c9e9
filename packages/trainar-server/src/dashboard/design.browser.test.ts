/**
 * The dashboard shell in chromium at desktop and phone width: axe-core finds no serious or
 * critical violation on any page, nothing scrolls sideways, tables show words (no raw enum, no bare
 * dash), the strict CSP holds; the sidebar follows the role; the forms work by keyboard alone and
 * destructive actions ask first. One browser, several pages. `SCREENSHOTS_DIR` saves screenshots.
 */
import { checkPage, launchChromium, tabTo } from '@platform/kit/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startHarness, type TenantFixture, type TrainArHarness, uniqueEmail } from '../testing/index';
import { hashPassword } from '../users/passwords';

let h: TrainArHarness;
let browser: Browser;
let tenant: TenantFixture;
let memberEmail: string;

beforeAll(async () => {
  h = await startHarness();
  browser = await launchChromium();
  tenant = await h.createTenant('Northwind Field Services');
  await h.createKey(tenant.tenantId, ['read:users', 'read:account'], 'n8n production');
  const member = await h.invite(tenant.tenantId, 'member', uniqueEmail('member'));
  memberEmail = member.email;
  // The member set their password from the invitation (the mail flow is covered elsewhere).
  await h.services.deps.db.updateTable('users').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', member.id).execute();
  await h.invite(tenant.tenantId, 'admin', uniqueEmail('pending'));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** Signs in with the keyboard only: Tab to each field, type, Enter. */
async function signInByKeyboard(page: Page, email: string) {
  await page.goto('/signin');
  await tabTo(page, 'main input[name="email"]');
  await page.keyboard.type(email);
  await tabTo(page, 'main input[name="password"]');
  await page.keyboard.type(PASSWORD);
  await Promise.all([page.waitForURL('**/dashboard'), page.keyboard.press('Enter')]);
}

const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();

describe('dashboard shell in a browser', () => {
  it('every page passes axe at desktop and phone width, with a sidebar by role', async () => {
    const anonymous = await browser.newContext({ baseURL: h.url });
    const signedOut = await anonymous.newPage();
    const problems = [...(await checkPage(signedOut, '/signin', 'trainar-signin')), ...(await checkPage(signedOut, '/signup', 'trainar-signup'))];
    await anonymous.close();

    const context = await browser.newContext({ baseURL: h.url });
    const page = await context.newPage();
    await signInByKeyboard(page, tenant.adminEmail);
    expect(await sidebar(page)).toEqual(['Dashboard', 'Tasks', 'Sessions', 'Skills & Knowledge', 'Reports', 'Users', 'Seats', 'Billing', 'API & Webhooks', 'Settings']);
    expect(await page.locator('[data-tenant]').textContent()).toBe('Northwind Field Services');
    expect(await page.locator('[data-user]').textContent()).toBe('Admin of Northwind Field Services');
    for (const [path, name] of [
      ['/dashboard', 'trainar-dashboard'],
      ['/dashboard/users', 'trainar-users'],
      ['/dashboard/api', 'trainar-api-keys'],
      ['/dashboard/settings', 'trainar-settings'],
      ['/dashboard/tasks', 'trainar-tasks'],
      ['/dashboard/billing', 'trainar-billing'],
      ['/dashboard/reports', 'trainar-reports'],
    ] as const) {
      problems.push(...(await checkPage(page, path, name)));
    }
    await page.goto('/dashboard/users');
    expect(await page.getByRole('link', { name: 'Users', exact: true }).getAttribute('aria-current')).toBe('page');
    await context.close();

    const memberContext = await browser.newContext({ baseURL: h.url });
    const memberPage = await memberContext.newPage();
    await signInByKeyboard(memberPage, memberEmail);
    expect(await sidebar(memberPage)).toEqual(['Dashboard', 'Tasks', 'Sessions', 'Skills & Knowledge', 'Reports', 'Settings']);
    problems.push(...(await checkPage(memberPage, '/dashboard/settings', 'trainar-settings-member', ['phone'])));
    const refused = await memberPage.goto('/dashboard/users');
    expect(refused?.status()).toBe(403);
    await memberContext.close();
    expect(problems).toEqual([]);
  }, 180_000);

  it('invites by keyboard with inline errors from the API validation, and asks before deleting', async () => {
    const context = await browser.newContext({ baseURL: h.url });
    const page = await context.newPage();
    await signInByKeyboard(page, tenant.adminEmail);
    await page.goto('/dashboard/users');

    // A blank name: the same validation as the API's invite_user, shown under the field.
    await tabTo(page, 'form[action="/dashboard/users/invite"] input[name="email"]');
    await page.keyboard.type('new.person@example.test');
    await tabTo(page, 'form[action="/dashboard/users/invite"] input[name="full_name"]');
    await page.keyboard.type('   ');
    await tabTo(page, 'form[action="/dashboard/users/invite"] button');
    await page.keyboard.press('Enter');
    await page.locator('#f-full_name-error').waitFor();
    expect(await page.locator('#f-full_name-error').textContent()).toBe('enter the full name');
    expect(await page.locator('#f-full_name').getAttribute('aria-invalid')).toBe('true');

    await tabTo(page, 'form[action="/dashboard/users/invite"] input[name="full_name"]');
    await page.keyboard.type('New Person');
    await tabTo(page, 'form[action="/dashboard/users/invite"] select[name="role"]');
    await tabTo(page, 'form[action="/dashboard/users/invite"] button');
    await Promise.all([page.waitForURL('**/dashboard/users?notice=invited'), page.keyboard.press('Enter')]);
    const row = page.locator('tr[data-email="new.person@example.test"]');
    expect(await row.locator('td[data-label="Status"]').textContent()).toContain('Invited');

    // Delete asks in a dialog: Escape keeps the user, the dialog's Delete removes them.
    await row.getByRole('button', { name: 'Delete' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect(await page.getByRole('dialog').textContent()).toContain('New Person (new.person@example.test)');
    await page.keyboard.press('Escape');
    expect(await row.count()).toBe(1);
    await row.getByRole('button', { name: 'Delete' }).focus();
    await page.keyboard.press('Enter');
    await Promise.all([page.waitForURL('**/dashboard/users?notice=deleted'), page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()]);
    expect(await page.locator('.flash.notice').textContent()).toBe('User deleted.');
    expect(await row.count()).toBe(0);

    // Sign out from the shell.
    await Promise.all([page.waitForURL(/\/signin/), page.getByRole('button', { name: 'Sign out' }).click()]);
    await context.close();
  }, 120_000);
});
