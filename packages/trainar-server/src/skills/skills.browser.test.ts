/**
 * The Skills page in chromium: an admin opens it from the sidebar, sees the platform catalogue,
 * creates a skill with a parameters schema and an auth header (never shown again), runs the test
 * panel — a payload that breaks the schema names the path, a good one shows HTTP status, latency
 * and the receiver's answer — and the pages pass axe at desktop and phone width.
 */
import { checkPage, launchChromium } from '@platform/kit/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';
import { startSkillReceiver, type SkillReceiver } from './receiver.test-support';

let h: TrainArHarness;
let browser: Browser;
let tenant: TenantFixture;
let receiver: SkillReceiver;

beforeAll(async () => {
  receiver = await startSkillReceiver();
  h = await startHarness();
  tenant = await h.createTenant('Skillful Field Services');
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
  await receiver?.close();
});

describe('Skills page in a browser', () => {
  it('creates a skill, tests it from the panel, and passes axe', async () => {
    const context = await browser.newContext({ baseURL: h.url });
    const page = await context.newPage();
    try {
      await page.goto('/signin');
      await page.getByLabel('Email').fill(tenant.adminEmail);
      await page.getByLabel(/^Password/).fill(PASSWORD);
      await Promise.all([page.waitForURL('**/dashboard'), page.getByRole('button', { name: 'Sign in' }).click()]);
      await page.getByRole('navigation').getByRole('link', { name: 'Skills & Knowledge' }).click();
      await page.waitForURL('**/dashboard/skills');
      expect(await page.locator('tbody').textContent()).toContain('pa_search_parts');

      await page.getByLabel('Display name').fill('Check stock');
      await page.getByLabel('Description').fill('Checks whether a part is in stock at the warehouse.');
      await page.getByLabel('Webhook URL').fill(`${receiver.url}/ok`);
      await page.getByLabel('Parameters (JSON Schema)').fill(JSON.stringify({ type: 'object', properties: { part_number: { type: 'string' } }, required: ['part_number'] }));
      await page.getByLabel('Auth header name').fill('X-Api-Key');
      await page.getByLabel('Auth header value').fill('warehouse-secret-9876');
      await page.getByLabel('Folder').fill('Warehouse');
      await Promise.all([page.waitForURL(/\/dashboard\/skills\/[0-9a-f-]{36}\?notice=created$/), page.getByRole('button', { name: 'Create skill' }).click()]);
      const skillPath = new URL(page.url()).pathname;
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Check stock');
      expect(await page.getByLabel('Name (snake_case)').inputValue()).toBe('check_stock');
      expect(await page.content()).not.toContain('warehouse-secret');
      expect(await page.locator('#f-auth_header_value-hint').textContent()).toContain('••••9876');

      // The default payload {"test": true} lacks the required parameter: the panel names it.
      await page.getByRole('button', { name: 'Run test' }).click();
      await page.locator('p.flash.error').waitFor();
      expect(await page.content()).toContain('arguments.part_number is required');

      await page.getByLabel('Payload (JSON)').fill('{"part_number": "AB-123"}');
      await page.getByRole('button', { name: 'Run test' }).click();
      await page.locator('#test-result').waitFor();
      expect(await page.locator('[data-test=status]').textContent()).toBe('200');
      expect(await page.locator('[data-test=latency]').textContent()).toMatch(/^\d+ ms$/);
      expect(JSON.parse((await page.locator('[data-test=response]').textContent()) ?? '{}')).toMatchObject({ in_stock: 4, echo: { arguments: { part_number: 'AB-123' } } });
      const got = receiver.received.at(-1);
      expect(got?.headers['x-api-key']).toBe('warehouse-secret-9876');
      expect(got?.body.session_context).toMatchObject({ customer_id: tenant.tenantId, user_id: tenant.adminId, role: 'trainer' });
      expect(await page.getByLabel('Name (snake_case)').getAttribute('readonly')).not.toBeNull();

      const problems = [...(await checkPage(page, '/dashboard/skills', 'trainar-skills')), ...(await checkPage(page, skillPath, 'trainar-skill'))];
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
