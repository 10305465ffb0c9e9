/** @module Debian's chromium driven by playwright-core (never a downloaded browser), for page tests. */
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

/**
 * On a page that needs a session: sign in by the emailed link from the sandbox outbox (`mailLink`
 * picks the newest unused sign-in link for that address).
 */
export async function signInThrough(page: Page, mailLink: (to: string, pathPart: string) => Promise<string>, email: string): Promise<void> {
  await page.waitForURL(/\/signin\?next=/);
  await page.fill('input[name="email"]', email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('Check your email').waitFor();
  await page.goto(await mailLink(email, '/signin/verify'));
  await page.getByRole('button', { name: 'Continue' }).click();
}
