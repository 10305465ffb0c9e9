/**
 * Dashboard → Integrations in chromium, as an admin would use it, against a real OAuth 2.0 server
 * and a ServiceM8-shaped API: Connect ServiceM8, continue to the provider's consent (which comes
 * back to our callback), see the first sync's result, sync again, and disconnect after the
 * confirmation dialog; the page passes axe at desktop and phone width; a member is refused.
 */
import { checkPage, launchChromium } from '@platform/kit/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiPeer, type OAuthPeer, peerSettings, startApiPeer, startOAuthPeer } from '../testing/integration-peers';
import { PASSWORD, startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';
import { hashPassword } from '../users/passwords';

let h: TrainArHarness;
let browser: Browser;
let tenant: TenantFixture;
let oauth: OAuthPeer;
let api: ApiPeer;
let memberEmail: string;

beforeAll(async () => {
  oauth = await startOAuthPeer();
  api = await startApiPeer();
  api.jobs.push({ uuid: 'web-job-1', active: 1, status: 'Work Order', generated_job_id: '501', job_address: '5 Mill Lane', job_description: 'Annual gas safety check' });
  h = await startHarness({ settings: { integrations: peerSettings(oauth, api) } });
  browser = await launchChromium();
  tenant = await h.createTenant('Integrations Browser Ltd');
  const member = await h.invite(tenant.tenantId, 'member');
  memberEmail = member.email;
  await h.services.deps.db.updateTable('users').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', member.id).execute();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
  await api?.close();
  await oauth?.close();
});

async function signIn(page: Page, email: string) {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL('**/dashboard'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

const card = (page: Page) => page.getByRole('article', { name: 'ServiceM8' });

describe('Integrations page in a browser', () => {
  it('connects ServiceM8 through the consent page, shows the sync, syncs again and disconnects', async () => {
    const context = await browser.newContext({ baseURL: h.url });
    const page = await context.newPage();
    try {
      await signIn(page, tenant.adminEmail);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
      await page.waitForURL('**/dashboard/integrations');
      expect(await card(page).getByText('Not connected').count()).toBe(1);
      expect(await checkPage(page, '/dashboard/integrations', 'trainar-integrations-empty', ['desktop'])).toEqual([]);

      await card(page).getByRole('button', { name: 'Connect ServiceM8' }).click();
      await page.getByRole('heading', { name: 'Connect ServiceM8' }).waitFor();
      // The provider's authorize endpoint consents at once and sends the browser back to our callback.
      await Promise.all([page.waitForURL('**/dashboard/integrations?notice=connected'), page.getByRole('link', { name: 'Continue to ServiceM8' }).click()]);
      expect(await page.getByText('Connected. The first sync is running').count()).toBe(1);
      expect(oauth.grants).toEqual(['authorization_code']);

      (h.app.extra.worker as { wake(): void }).wake();
      await expect
        .poll(
          async () => {
            await page.goto('/dashboard/integrations');
            return card(page).locator('[data-field="last-sync"]').textContent();
          },
          { timeout: 30_000, interval: 250 },
        )
        .toContain('Succeeded');
      expect(await card(page).locator('[data-field="summary"]').textContent()).toContain('1 jobs: 1 new');
      expect(await card(page).getByText('Connected', { exact: true }).count()).toBe(1);
      expect(await checkPage(page, '/dashboard/integrations', 'trainar-integrations-connected')).toEqual([]);

      await Promise.all([page.waitForURL('**/dashboard/integrations?notice=sync-queued'), card(page).getByRole('button', { name: 'Sync now' }).click()]);
      expect(await page.getByText('Sync queued.').count()).toBe(1);

      await card(page).getByRole('button', { name: 'Disconnect' }).click();
      await Promise.all([page.waitForURL('**/dashboard/integrations?notice=disconnected'), page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click()]);
      expect(await card(page).getByText('Disconnected', { exact: true }).count()).toBe(1);
      expect(await card(page).getByRole('button', { name: 'Connect ServiceM8' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('is for admins only', async () => {
    const context = await browser.newContext({ baseURL: h.url });
    const page = await context.newPage();
    try {
      await signIn(page, memberEmail);
      const res = await page.goto('/dashboard/integrations');
      expect(res?.status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});
