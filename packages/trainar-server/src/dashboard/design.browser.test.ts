/**
 * The dashboard shell in chromium at desktop and phone width: axe-core finds no serious or
 * critical violation on any page, nothing scrolls sideways, tables show words (no raw enum, no bare
 * dash), the strict CSP holds; the sidebar follows the role; the forms work by keyboard alone and
 * destructive actions ask first. One browser, several pages. `SCREENSHOTS_DIR` saves screenshots.
 */
import { checkPage, launchChromium, tabTo, walkPages } from '@platform/kit/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_PAGES, sidebarFor } from '../platform/nav';
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
  await h.services.deps.db
    .updateTable('users')
    .set({ password_hash: await hashPassword(PASSWORD) })
    .where('id', '=', member.id)
    .execute();
  await h.invite(tenant.tenantId, 'admin', uniqueEmail('pending'));
}, 180_000);
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

/** The sidebar labels nav.ts gives a role (the walk's pages are the same list). */
const sidebarLabels = (role: 'admin' | 'member') => sidebarFor(role).map((l) => l.label);
const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents();

/** Screenshot and report name of a dashboard path: `/dashboard/api/webhooks` → `trainar-api-webhooks`. */
const pageName = (path: string) => (path === '/dashboard/api' ? 'trainar-api-keys' : `trainar-${path.replace(/^\/dashboard\/?/, '').replaceAll('/', '-') || 'dashboard'}`);
/** A section's tabs and sub-navigation inside the page (Skills | Knowledge, Seats | Devices, API Keys | Webhooks). */
const SECTION_LINKS = 'main nav a[href^="/dashboard"]';

describe('dashboard shell in a browser', () => {
  it('every page of the sidebar and its tabs passes axe at desktop and phone width, with a sidebar by role', async () => {
    const anonymous = await browser.newContext({ baseURL: h.url });
    const signedOut = await anonymous.newPage();
    const problems = [...(await checkPage(signedOut, '/signin', 'trainar-signin')), ...(await checkPage(signedOut, '/signup', 'trainar-signup'))];
    await anonymous.close();

    const context = await browser.newContext({ baseURL: h.url });
    const page = await context.newPage();
    await signInByKeyboard(page, tenant.adminEmail);
    // Admins see every section with a page, in the product's order (pages other domains add join here).
    expect(await sidebar(page)).toEqual(sidebarLabels('admin'));
    expect(await sidebar(page)).toEqual(expect.arrayContaining(['Dashboard', 'Tasks', 'Sessions', 'Skills & Knowledge', 'Users', 'Seats', 'Billing', 'Integrations', 'API & Webhooks', 'Settings']));
    expect(await page.locator('[data-tenant]').textContent()).toBe('Northwind Field Services');
    expect(await page.locator('[data-user]').textContent()).toBe('Admin of Northwind Field Services');
    // Every page in the navigation list (a new domain page joins by being listed in nav.ts), and the tabs they link.
    const admin = await walkPages(
      page,
      DASHBOARD_PAGES.map((p) => p.path),
      { name: pageName, follow: SECTION_LINKS },
    );
    problems.push(...admin.problems);
    expect(admin.visited).toEqual(expect.arrayContaining(['/dashboard/api/webhooks', '/dashboard/devices', '/dashboard/knowledge', ...DASHBOARD_PAGES.map((p) => p.path)]));
    await page.goto('/dashboard/users');
    expect(await page.getByRole('link', { name: 'Users', exact: true }).getAttribute('aria-current')).toBe('page');
    await context.close();

    const memberContext = await browser.newContext({ baseURL: h.url });
    const memberPage = await memberContext.newPage();
    await signInByKeyboard(memberPage, memberEmail);
    expect(await sidebar(memberPage)).toEqual(sidebarLabels('member'));
    expect(await sidebar(memberPage)).toEqual(expect.arrayContaining(['Dashboard', 'Tasks', 'Sessions', 'Skills & Knowledge', 'Settings']));
    expect(await sidebar(memberPage)).not.toContain('Users');
    const memberPaths = DASHBOARD_PAGES.filter((p) => p.roles.includes('member')).map((p) => p.path);
    // The same pages with a member's fewer controls: at phone width, the narrower of the two (the admin walk did both).
    const member = await walkPages(memberPage, memberPaths, { name: (path) => `${pageName(path)}-member`, follow: SECTION_LINKS, viewports: ['phone'] });
    problems.push(...member.problems);
    const refused = await memberPage.goto('/dashboard/users');
    expect(refused?.status()).toBe(403);
    await memberContext.close();
    expect(problems).toEqual([]);
  }, 420_000);

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

  it('creates an API key and saves the settings by keyboard alone', async () => {
    const context = await browser.newContext({ baseURL: h.url });
    const page = await context.newPage();
    await signInByKeyboard(page, tenant.adminEmail);

    // API key: type the name, tick one permission with Space, Enter on the button; the key is shown once.
    await page.goto('/dashboard/api');
    await tabTo(page, 'form[action="/dashboard/api/keys"] input[name="name"]');
    await page.keyboard.type('Keyboard key');
    await tabTo(page, 'form[action="/dashboard/api/keys"] input[name="scopes"][value="read:users"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'form[action="/dashboard/api/keys"] button[type="submit"]');
    await Promise.all([page.waitForURL('**/dashboard/api/keys'), page.keyboard.press('Enter')]);
    expect(await page.locator('#new-key').textContent()).toMatch(/^tak_/);

    // Settings: a new timezone chosen from the list by keyboard, saved with Enter.
    await page.goto('/dashboard/settings');
    await tabTo(page, 'main select[name="timezone"]');
    await page.keyboard.type('Europe/Berlin');
    await tabTo(page, 'main button[type="submit"]');
    await Promise.all([page.waitForURL('**/dashboard/settings?notice=saved'), page.keyboard.press('Enter')]);
    expect(await page.locator('.flash.notice').textContent()).toBe('Settings saved.');
    expect(await page.locator('select[name="timezone"]').inputValue()).toBe('Europe/Berlin');
    await context.close();
  }, 120_000);
});
