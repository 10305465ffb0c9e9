/**
 * The acceptance flow in a real browser (Debian chromium via playwright-core): sign up, create a
 * key with two ticked scopes, copy it from the page, use it over REST (an allowed call succeeds, a
 * call needing a missing scope gets 403 INSUFFICIENT_PERMISSIONS), revoke it, the next call gets 401.
 */
import { launchChromium } from '@platform/kit/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startHarness, type TrainArHarness, uniqueEmail } from '../testing/index';

let h: TrainArHarness;
let browser: Browser;

beforeAll(async () => {
  h = await startHarness();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('dashboard in a browser', () => {
  it('signs up, creates a key with two scopes, uses it, revokes it', async () => {
    const context = await browser.newContext({ baseURL: h.url });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.url });
    const page = await context.newPage();
    try {
      await page.goto('/signup');
      await page.getByLabel('Organisation name').fill('Browser Test Ltd');
      await page.getByLabel('Your full name').fill('Bea Browser');
      await page.getByLabel('Email').fill(uniqueEmail('bea'));
      await page.getByLabel(/^Password/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Create organisation' }).click();
      await page.waitForURL('**/dashboard');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Browser Test Ltd');

      await page.getByRole('navigation').getByRole('link', { name: 'API & Webhooks' }).click();
      await page.waitForURL('**/dashboard/api');
      await page.getByLabel('Name').fill('Acceptance key');
      // "Select all" ticks every box; untick it again, then tick exactly two.
      await page.locator('#all_scopes').check();
      expect(await page.locator('input[name=scopes]:checked').count()).toBe(20);
      await page.locator('#all_scopes').uncheck();
      expect(await page.locator('input[name=scopes]:checked').count()).toBe(0);
      await page.locator('input[name=scopes][value="read:users"]').check();
      await page.locator('input[name=scopes][value="read:account"]').check();
      await page.getByRole('button', { name: 'Create key' }).click();

      const key = (await page.locator('#new-key').textContent())?.trim() ?? '';
      expect(key).toMatch(/^tak_[0-9A-Za-z]{38}$/);
      await page.getByRole('button', { name: 'Copy' }).click();
      await page.getByRole('button', { name: 'Copied' }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
      const masked = `tak_${key.slice(4, 12)}...${key.slice(-4)}`;
      expect(await page.locator('tbody').textContent()).toContain(masked);

      const allowed = await h.call('GET', '/v1/api-tenant-users', { key, query: { limit: 10 } });
      expect(allowed.status).toBe(200);
      expect(allowed.body.users).toHaveLength(1);
      const denied = await h.call('POST', '/v1/api-tenant-users', { key, body: { email: uniqueEmail(), full_name: 'Nope', roles: ['admin'] } });
      expect(denied.status).toBe(403);
      expect(denied.body.error).toBe('INSUFFICIENT_PERMISSIONS');

      // Shown once: a reload of the API page shows only the masked form.
      await page.goto('/dashboard/api');
      expect(await page.content()).not.toContain(key);
      await page.locator('tr', { hasText: 'Acceptance key' }).getByRole('button', { name: 'Revoke' }).click();
      // Revoking asks first, in a dialog.
      await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
      await page.waitForURL('**/dashboard/api?notice=revoked');
      expect(await page.locator('tr', { hasText: 'Acceptance key' }).textContent()).toContain('Revoked');

      const after = await h.call('GET', '/v1/api-tenant-users', { key });
      expect(after.status).toBe(401);
      expect(after.body.error).toBe('UNAUTHORIZED');
    } finally {
      await context.close();
    }
  });
});
