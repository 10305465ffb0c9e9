/**
 * The Knowledge page in a real browser (Debian chromium): create a collection, upload a file into it,
 * watch it reach Ready, search by meaning, then delete it. axe finds no violations on the page.
 */
import { checkPage, launchChromium } from '@platform/kit/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startHarness, type TrainArHarness } from '../testing/index';

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

describe('Knowledge page in a browser', () => {
  it('uploads into a collection, shows Ready with chunks, searches, deletes', async () => {
    const t = await h.createTenant('Knowledge Browser Ltd');
    const context = await browser.newContext({ baseURL: h.url });
    const page = await context.newPage();
    try {
      await page.goto('/signin');
      await page.getByLabel('Email').fill(t.adminEmail);
      await page.getByLabel(/^Password/).fill(PASSWORD);
      await Promise.all([page.waitForURL('**/dashboard'), page.getByRole('button', { name: /sign in/i }).click()]);
      // One sidebar link for the section (its first page, Skills); Knowledge is the section's second tab.
      await page.getByRole('navigation').getByRole('link', { name: 'Skills & Knowledge' }).click();
      await page.waitForURL('**/dashboard/skills');
      await page.getByRole('navigation', { name: 'Skills & Knowledge tabs' }).getByRole('link', { name: 'Knowledge' }).click();
      await page.waitForURL('**/dashboard/knowledge');

      await page.getByLabel('Collection name').fill('Safety sheets');
      await page.getByRole('button', { name: 'Create collection' }).click();
      await page.waitForURL('**/dashboard/knowledge?notice=collection-created');

      await page.getByLabel('Name', { exact: true }).fill('Hearing protection');
      await page.getByLabel('Collection', { exact: true }).selectOption({ label: 'Safety sheets' });
      await page.getByLabel('Files').setInputFiles({ name: 'hearing.md', mimeType: 'text/markdown', buffer: Buffer.from('# Hearing\n\nAreas above 85 dB(A) need ear defenders or foam plugs, fitted fully.') });
      await page.getByRole('button', { name: 'Upload' }).click();
      await page.waitForURL('**/dashboard/knowledge?notice=uploaded');
      const row = page.locator('tr', { hasText: 'Hearing protection' });
      expect(await row.textContent()).toContain('Safety sheets');

      const worker = h.app.extra.worker as { wake(): void };
      for (let i = 0; i < 100 && !(await row.textContent())?.includes('Ready'); i++) {
        worker.wake();
        await new Promise((r) => setTimeout(r, 100));
        await page.reload();
      }
      expect(await row.textContent()).toMatch(/Ready\s*1 file\(s\) · 1 chunks/);

      await page.getByLabel('Ask a question').fill('it is too loud in here, what do I wear');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const results = page.locator('.search-results li');
      expect(await results.first().textContent()).toContain('Hearing protection');
      expect(await results.first().textContent()).toContain('ear defenders');

      const problems = await checkPage(page, '/dashboard/knowledge?q=ear+protection', 'trainar-knowledge');
      expect(problems).toEqual([]);

      await page.goto('/dashboard/knowledge');
      await row.getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await page.waitForURL('**/dashboard/knowledge?notice=deleted');
      expect(await page.locator('tr', { hasText: 'Hearing protection' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
