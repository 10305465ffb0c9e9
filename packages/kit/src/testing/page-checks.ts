/**
 * @module Checks every page test runs in chromium (playwright-core), at desktop and phone width:
 * axe-core finds no serious or critical violation, the page never scrolls sideways, no table
 * shows a raw enum (UPPER_SNAKE) or a bare dash, and nothing broke the CSP. Optionally saves a
 * screenshot per page and width (`SCREENSHOTS_DIR`, used by scripts/screenshots.ts).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const VIEWPORTS = {
  desktop: { width: 1280, height: 860 },
  phone: { width: 360, height: 740 },
} as const;

export type ViewportName = keyof typeof VIEWPORTS;

let axeSource: string | undefined;

/** Serious and critical axe-core violations on the current page, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // evaluate() runs over the DevTools protocol, so the page's strict CSP needs no exception.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    const run = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe.run;
    const r = await run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `axe ${v.impact} ${v.id}: ${v.help} at ${v.targets.join(', ')}`);
}

const RAW_ENUM = /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$|^[A-Z]{4,}$/;
const BARE_DASH = /^[-–—]$/;

/** Table cells a person should not see: raw enum values and bare dashes (empty cells need words). */
export async function tableProblems(page: Page): Promise<string[]> {
  // innerText, not textContent: what the person sees (line breaks between blocks, hidden text left out).
  // biome-ignore lint/performance/useDomNodeTextContent: rendered text is the point here
  const cells = await page.$$eval('table td, table th', (els) => els.map((e) => (e as HTMLElement).innerText.trim()));
  const problems: string[] = [];
  for (const text of cells) {
    for (const part of text.split(/,\s*|\n/).map((p) => p.trim())) {
      if (RAW_ENUM.test(part)) problems.push(`table shows a raw enum: "${part}"`);
      if (BARE_DASH.test(part)) problems.push(`table shows a bare dash where words belong (cell "${text}")`);
    }
  }
  return problems;
}

/** How many pixels the page is wider than the viewport (0 = no sideways scrolling). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);
}

/** Console errors from now on (CSP refusals show up here). */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return errors;
}

/**
 * Opens `path` and checks it at each width, returns every problem found (empty = the page passes).
 * The page is loaded once, at the first width, and resized for the next: the server's answer does
 * not depend on the width (the CSS's media queries do, and a resize re-applies them), and loading
 * it again cost a second render, page load and axe-core injection per page. With `SCREENSHOTS_DIR`
 * set, saves `<name>-<width>.png` there.
 */
export async function checkPage(page: Page, path: string, name: string, viewports: ViewportName[] = ['desktop', 'phone']): Promise<string[]> {
  const problems: string[] = [];
  const errors = watchConsole(page);
  let res: Awaited<ReturnType<Page['goto']>> | undefined;
  for (const viewport of viewports) {
    await page.setViewportSize(VIEWPORTS[viewport]);
    const where = `${name} (${path}) at ${viewport}`;
    if (res === undefined) {
      res = await page.goto(path);
      if (!res || res.status() >= 500) problems.push(`${where}: status ${res?.status()}`);
      const csp = res?.headers()['content-security-policy'] ?? '';
      if (!csp.includes("script-src 'self'") || !csp.includes("style-src 'self'")) problems.push(`${where}: no strict CSP header`);
    }
    for (const p of await axeViolations(page)) problems.push(`${where}: ${p}`);
    for (const p of await tableProblems(page)) problems.push(`${where}: ${p}`);
    const overflow = await horizontalOverflow(page);
    if (overflow > 0) problems.push(`${where}: scrolls sideways by ${overflow}px`);
    const dir = process.env.SCREENSHOTS_DIR;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: join(dir, `${name}-${viewport}.png`), fullPage: true });
    }
  }
  for (const e of errors.splice(0)) problems.push(`${name}: ${e}`);
  page.removeAllListeners('console');
  page.removeAllListeners('pageerror');
  return problems;
}

/**
 * The page walk every product's design test uses: `checkPage` on each start path (the product's
 * navigation list, so a new page joins by being listed) and on every same-site link matching
 * `follow` found on those pages (a section's tabs), each path once, at desktop and phone width.
 * Checks `concurrency` paths at once (default 3), in tabs of `page`'s browser context (same
 * session): a check mostly waits on chromium's layout and axe, so tabs overlap the waits.
 * Returns the paths it visited (for the test to assert coverage) and every problem found, in the
 * order of the paths.
 */
export async function walkPages(
  page: Page,
  start: readonly string[],
  o: { name: (path: string) => string; follow?: string; viewports?: ViewportName[]; concurrency?: number },
): Promise<{ visited: string[]; problems: string[] }> {
  const queue = [...new Set(start)];
  const seen = new Set(queue);
  const found = new Map<string, string[]>();
  const extraTabs = await Promise.all(Array.from({ length: Math.max(0, (o.concurrency ?? 3) - 1) }, () => page.context().newPage()));
  async function work(tab: Page) {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      found.set(path, await checkPage(tab, path, o.name(path), o.viewports));
      if (!o.follow) continue;
      const hrefs = await tab.$$eval(o.follow, (els) => els.map((e) => e.getAttribute('href') ?? ''));
      for (const href of hrefs) {
        if (!href.startsWith('/') || href.startsWith('//') || seen.has(href)) continue;
        seen.add(href);
        queue.push(href);
      }
    }
  }
  try {
    // A tab that finds the queue empty stops; links found later are taken by the tabs still working.
    await Promise.all([page, ...extraTabs].map(work));
  } finally {
    await Promise.all(extraTabs.map((tab) => tab.close()));
  }
  const visited = [...seen];
  return { visited, problems: visited.flatMap((path) => found.get(path) ?? []) };
}

/** Presses Tab until the focused element matches `selector`: proves it is reachable by keyboard. */
export async function tabTo(page: Page, selector: string, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} is not reachable with Tab within ${maxPresses} presses`);
}
