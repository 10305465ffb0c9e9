/** The sandbox checkout in a real browser (Debian's chromium via playwright-core): two tabs, one payment. */
import { existsSync } from 'node:fs';
import { kitMigrations, listen, ManualClock, type RunningServer } from '@platform/kit';
import { createTestDatabase, type TestDatabase } from '@platform/kit/testing';
import { Hono } from 'hono';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditsService, creditsMigrations } from '../credits/index';
import { createPayments, mountSandboxCheckout, mountTopUpReturnPage, paymentsMigrations } from './index';

const CHROMIUM = '/usr/bin/chromium';
let database: TestDatabase;
let server: RunningServer;
let browser: Browser;
let credits: CreditsService;
let payments: ReturnType<typeof createPayments>;
const clock = new ManualClock('2026-08-01T12:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase([...kitMigrations, ...creditsMigrations, ...paymentsMigrations]);
  credits = new CreditsService(database.db, clock);
  const app = new Hono();
  payments = createPayments({ db: database.db, clock, credits, publicUrl: () => server.url });
  mountSandboxCheckout(app, { topUps: payments.topUps });
  mountTopUpReturnPage(app, { topUps: payments.topUps });
  server = await listen(app, { port: 0 });
  if (!existsSync(CHROMIUM)) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await database?.close();
});

describe.skipIf(!existsSync(CHROMIUM))('sandbox checkout in a browser', () => {
  it('pays once when the human clicks Pay in two tabs', async () => {
    const accountId = 'acct_browser_1';
    const topUp = await payments.topUps.createTopUp(accountId, 3_000);
    const context = await browser.newContext();
    const tabs = [await context.newPage(), await context.newPage()];
    for (const tab of tabs) {
      await tab.goto(topUp.checkoutUrl as string);
      expect(await tab.locator('h1').textContent()).toBe('Sandbox checkout');
      expect(await tab.locator('p.sandbox').first().textContent()).toContain('Sandbox');
    }
    await Promise.all(tabs.map((tab) => Promise.all([tab.waitForURL(/\/payments\/top-ups\//), tab.getByRole('button', { name: 'Pay $30.00' }).click()])));
    for (const tab of tabs) expect(await tab.locator('p.notice').textContent()).toBe('Payment received: $30.00 of credits were added to the account.');
    expect(await credits.getBalance(accountId)).toEqual({ availableCents: 3_000, reservedCents: 0 });
    expect(await credits.recentEntries(accountId)).toHaveLength(1);
    expect(await payments.paymentMethods.hasPaymentMethod(accountId)).toBe(true);
    await context.close();
  });

  it('cancels from the Cancel button without charging', async () => {
    const accountId = 'acct_browser_2';
    const topUp = await payments.topUps.createTopUp(accountId, 1_000);
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(topUp.checkoutUrl as string);
    await Promise.all([tab.waitForURL(/outcome=cancel/), tab.getByRole('button', { name: 'Cancel' }).click()]);
    expect(await tab.locator('main').textContent()).toContain('This top-up is canceled; nothing was charged.');
    expect(await credits.getBalance(accountId)).toEqual({ availableCents: 0, reservedCents: 0 });
    await context.close();
  });
});
