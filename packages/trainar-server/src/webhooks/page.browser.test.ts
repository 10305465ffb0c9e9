/**
 * Dashboard → API & Webhooks → Webhooks in chromium: an admin adds an endpoint for a local
 * receiver, copies the secret shown once, sends a test (the receiver gets a request that the
 * `standardwebhooks` package verifies with that secret), reads the delivery log, disables and
 * deletes the endpoint (asked first); the page passes axe at desktop and phone width.
 */
import { checkPage, launchChromium, startReceiver, type TestReceiver } from '@platform/kit/testing';
import type { Browser } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';

let h: TrainArHarness;
let browser: Browser;
let tenant: TenantFixture;
let receiver: TestReceiver;

beforeAll(async () => {
  h = await startHarness({ settings: { webhookUrlAllowance: 'loopback' } });
  tenant = await h.createTenant('Webhook Browser Ltd');
  receiver = await startReceiver();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await receiver?.close();
  await h?.close();
});

describe('Webhooks tab in a browser', () => {
  it('adds an endpoint, shows the secret once, sends a verified test, shows the log, disables and deletes it', async () => {
    const context = await browser.newContext({ baseURL: h.url });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.url });
    const page = await context.newPage();
    try {
      await page.goto('/signin');
      await page.locator('main input[name="email"]').fill(tenant.adminEmail);
      await page.locator('main input[name="password"]').fill(tenant.password);
      await Promise.all([page.waitForURL('**/dashboard'), page.locator('main input[name="password"]').press('Enter')]);
      await page.getByRole('navigation').getByRole('link', { name: 'API & Webhooks' }).click();
      await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
      await page.waitForURL('**/dashboard/api/webhooks');
      expect(await page.getByText('No webhook endpoints yet').count()).toBe(1);

      await page.getByLabel('Endpoint URL').fill(`${receiver.url}/events`);
      await page.locator('input[name=events][value="task.created"]').check();
      await page.locator('input[name=events][value="skill.executed"]').check();
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const secret = (await page.locator('#new-secret').textContent())?.trim() ?? '';
      expect(secret).toMatch(/^whsec_/);
      await page.getByRole('button', { name: 'Copy' }).click();
      await page.getByRole('button', { name: 'Copied' }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
      const row = page.locator('tr', { hasText: `${receiver.url}/events` });
      expect(await row.textContent()).toContain('Task created, Skill executed');
      expect(await row.textContent()).toContain('Active');

      await row.getByRole('button', { name: 'Send test' }).click();
      await page.getByText(/Test event sent\. Delivered: HTTP 200/).waitFor();
      expect(receiver.received).toHaveLength(1);
      const req = receiver.received[0];
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      expect(new Webhook(secret).verify(req.body.toString('utf8'), headers)).toMatchObject({ event: 'task.created', data: { test: true } });
      // Shown once: the page no longer carries the secret.
      expect(await page.content()).not.toContain(secret);
      expect(await checkPage(page, '/dashboard/api/webhooks', 'trainar-webhooks')).toEqual([]);

      await page.goto('/dashboard/api/webhooks');
      await page.locator('tr', { hasText: `${receiver.url}/events` }).getByRole('link', { name: 'Deliveries' }).click();
      expect(await page.locator('tbody').textContent()).toContain('Delivered');
      expect(await page.locator('tbody').textContent()).toContain('HTTP 200');
      expect(await checkPage(page, page.url().replace(h.url, ''), 'trainar-webhook-deliveries')).toEqual([]);

      await page.goto('/dashboard/api/webhooks');
      await page.locator('tr', { hasText: `${receiver.url}/events` }).getByRole('button', { name: 'Disable' }).click();
      await page.getByText('Webhook disabled').waitFor();
      expect(await page.locator('tr', { hasText: `${receiver.url}/events` }).textContent()).toContain('Disabled');
      await page.locator('tr', { hasText: `${receiver.url}/events` }).getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await page.getByText('Webhook deleted.').waitFor();
      expect(await page.getByText('No webhook endpoints yet').count()).toBe(1);
      expect((await h.services.webhooks.list(tenant.tenantId)).total).toBe(0);
    } finally {
      await context.close();
    }
  }, 180_000);
});

