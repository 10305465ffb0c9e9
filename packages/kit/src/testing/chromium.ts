/** @module Debian's chromium driven by playwright-core (never a downloaded browser), for page tests of every product. */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function launchOwnChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

// On globalThis, like the worker's shared PGlite (test-database.ts): it outlives one test file.
const SHARED_KEY = Symbol.for('platform.testing.sharedChromium');

/** True inside a vitest worker, where test files run one after another in the same process. */
const inTestWorker = () => '__vitest_worker__' in globalThis;

/**
 * A chromium for one test file or script. In a test worker one browser process serves every file
 * it runs (starting chromium costs 1–2 s of CPU, paid ~20 times a run before): the file gets a
 * view whose `close()` closes the contexts (and so pages, cookies, storage) it opened, not the
 * browser. Files never share a context, so no session or storage leaks from one file to the next.
 * Elsewhere (scripts/screenshots.ts) it is a browser of its own.
 */
export async function launchChromium(): Promise<Browser> {
  if (!inTestWorker()) return launchOwnChromium();
  const store = globalThis as { [SHARED_KEY]?: Promise<Browser> };
  let browser = await (store[SHARED_KEY] ??= launchOwnChromium());
  if (!browser.isConnected()) {
    store[SHARED_KEY] = launchOwnChromium();
    browser = await store[SHARED_KEY];
  }
  const shared = browser;
  return new Proxy(shared, {
    get(target, prop, receiver) {
      if (prop === 'close') return async () => Promise.all(target.contexts().map((context) => context.close()));
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
