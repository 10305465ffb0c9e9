/**
 * The human side of the end-to-end hiring flow: finishing the claim, granting a scope step-up,
 * paying a sandbox checkout and confirming approvals. In chromium (clicking what a person clicks)
 * for one variant, and through the same HTML form posts over HTTP (cookie jar + CSRF token) for the
 * others, which is several times faster; the pages themselves are tested in chromium elsewhere.
 */
import type { ClaimResponse } from '@opentrain/api';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { confirmOnPage } from '../../../opentrain-server/src/money/test-fixtures';
import type { Harness } from '../../../opentrain-server/src/testing/harness';
import type { WebClient } from '../../../opentrain-server/src/testing/web-client';
import type { StartedClaim } from './agents';

export interface FlowHuman {
  readonly label: string;
  /** Signs up with `email` from the claim mail, enters the code: the agent is claimed. */
  claim(email: string, claim: StartedClaim): Promise<void>;
  /** Opens the step-up URL the refusal named and grants what it asks for. */
  grant(stepUpUrl: string, expectedScope: string): Promise<void>;
  pay(checkoutUrl: string): Promise<void>;
  /** Confirms an approval; `source` picks the payment source where the page offers one. */
  confirm(approvalUrl: string, source?: 'credits' | 'card'): Promise<void>;
  close(): Promise<void>;
}

export type HumanFactory = (h: Harness) => Promise<FlowHuman>;

export const chromiumHuman =
  (browser: () => Browser): HumanFactory =>
  async (h) => {
    const context = await browser().newContext();
    const page: Page = await context.newPage();
    return {
      label: 'chromium',
      async claim(email, claim) {
        await page.goto(`${h.url}/dev/mail?to=${encodeURIComponent(email)}`);
        const link = page.locator('article', { hasText: 'Claim your OpenTrain agent account' }).locator('a[href*="/claim?token="]').first();
        expect(await link.getAttribute('href')).toBe(claim.verificationUri);
        await link.click();
        await page.waitForURL(/\/claim\?token=/);
        await page.getByRole('link', { name: 'Create an account' }).click();
        await page.fill('input[name="first_name"]', 'Ada');
        await page.fill('input[name="last_name"]', 'Lovelace');
        await page.getByRole('button', { name: 'Email me a link to finish' }).click();
        await page.getByRole('link', { name: 'sandbox outbox' }).click();
        await page
          .locator('article')
          .filter({ hasText: email })
          .filter({ hasText: 'Create your OpenTrain account' })
          .locator('a[href*="/signin/verify"]')
          .first()
          .click();
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.waitForURL(/\/claim\?token=/);
        await page.fill('input[name="user_code"]', claim.userCode);
        await page.getByRole('button', { name: 'Claim agent' }).click();
        await page.getByRole('heading', { name: 'Agent claimed' }).waitFor();
      },
      async grant(stepUpUrl, expectedScope) {
        await page.goto(stepUpUrl);
        expect(await page.locator('[data-requested-scopes]').textContent()).toContain(expectedScope);
        await page.getByRole('button', { name: /^Grant / }).click();
        await page.locator('[data-status="granted"]').waitFor();
      },
      async pay(checkoutUrl) {
        await page.goto(checkoutUrl);
        await page.getByRole('button', { name: /^Pay / }).click();
      },
      async confirm(approvalUrl, source) {
        await page.goto(approvalUrl);
        if (source) await page.check(`input[name="source"][value="${source}"]`);
        await page.getByRole('button', { name: 'Confirm' }).click();
        await page.locator('[data-approval-status="confirmed"]').waitFor();
      },
      close: () => context.close(),
    };
  };

const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

export const httpHuman: HumanFactory = async (h) => {
  let web: WebClient | undefined;
  const signedIn = () => {
    if (!web) throw new Error('the human has not signed in (claim first)');
    return web;
  };
  return {
    label: 'HTTP form posts',
    async claim(email, claim) {
      // The claim mail carries the same link the agent relayed.
      const link = await h.mailLink(email, '/claim?token=');
      expect(link).toBe(claim.verificationUri);
      web = await h.claimAsHuman({ verification_uri: claim.verificationUri, user_code: claim.userCode } as ClaimResponse, email);
    },
    async grant(stepUpUrl, expectedScope) {
      const page = await signedIn().get(pathOf(stepUpUrl));
      expect(page.text).toContain(expectedScope);
      const scopes = /name="scopes" value="([^"]+)"/.exec(page.text)?.[1] as string;
      const granted = await signedIn().post(pathOf(stepUpUrl), { scopes });
      expect(granted.text).toContain('data-status="granted"');
    },
    async pay(checkoutUrl) {
      const path = new URL(checkoutUrl).pathname;
      expect((await signedIn().get(path)).status).toBe(200);
      const paid = await signedIn().post(`${path}/pay`, { saveCard: '1' });
      expect(paid.status).toBeLessThan(400);
    },
    async confirm(approvalUrl, source = 'credits') {
      const done = await confirmOnPage(signedIn(), approvalUrl, { source });
      expect(done.text).toContain('data-approval-status="confirmed"');
    },
    close: async () => {},
  };
};
