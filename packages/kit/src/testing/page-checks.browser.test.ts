/**
 * `checkPage` loads a page once and resizes it for the phone width: what only the phone's media
 * query shows (sideways scrolling, an axe violation in a phone-only element) must still be found,
 * at the phone width only, and a page that passes must pass at both.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, launchChromium } from './chromium';
import { checkPage } from './page-checks';

const CSS = `
.wide { display: none; }
.phone-only { display: none; }
@media (max-width: 600px) {
  .wide { display: block; width: 900px; height: 10px; background: #eee; }
  .phone-only { display: block; }
}`;

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Fixture</title><link rel="stylesheet" href="/s.css"></head><body><main><h1>Fixture</h1>${body}</main></body></html>`;

const PAGES: Record<string, string> = {
  '/ok': page('<p>Nothing wrong at any width.</p>'),
  '/overflows-on-phone': page('<div class="wide"></div>'),
  // An image without a text alternative, shown only at phone width (axe: image-alt, critical).
  '/violation-on-phone': page('<div class="phone-only"><img src="/s.css"></div>'),
};

let server: Server;
let baseURL: string;
let browser: Browser;

beforeAll(async () => {
  server = createServer((req, res) => {
    const headers = { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'" };
    if (req.url === '/favicon.ico') return res.writeHead(204, headers).end();
    if (req.url === '/s.css') return res.writeHead(200, { ...headers, 'content-type': 'text/css' }).end(CSS);
    const body = PAGES[req.url ?? ''];
    if (!body) return res.writeHead(404, headers).end();
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (existsSync(CHROMIUM_PATH)) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

describe.skipIf(!existsSync(CHROMIUM_PATH))('checkPage at desktop and phone width', () => {
  it('passes a page with nothing wrong at either width', async () => {
    const context = await browser.newContext({ baseURL });
    expect(await checkPage(await context.newPage(), '/ok', 'ok')).toEqual([]);
    await context.close();
  });

  it('finds sideways scrolling and an axe violation that only the phone width shows, at the phone width only', async () => {
    const context = await browser.newContext({ baseURL });
    const tab = await context.newPage();
    const overflow = await checkPage(tab, '/overflows-on-phone', 'overflow');
    expect(overflow).toHaveLength(1);
    expect(overflow[0]).toMatch(/^overflow \(\/overflows-on-phone\) at phone: scrolls sideways by \d+px$/);
    const violation = await checkPage(tab, '/violation-on-phone', 'violation');
    expect(violation.length).toBeGreaterThan(0);
    expect(violation.every((p) => p.startsWith('violation (/violation-on-phone) at phone: axe'))).toBe(true);
    expect(violation.join('\n')).toContain('image-alt');
    await context.close();
  });
});
