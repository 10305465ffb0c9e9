/**
 * Acceptance, end to end over stdio: the official SDK clients spawn the built server (fresh config
 * home, no credentials) against a running app with the sandbox marketplace, and an agent goes from
 * nothing to a paid milestone (the flow: flow/hiring-flow.ts). One MCP server and one token per
 * agent throughout: payments:write and webhooks:manage come by scope step-up, never a second token
 * or a restart. v1 (with output schemas listed, so it checks every result, errors included) with
 * the human in chromium; v2 with the human's same form posts over HTTP. Hosted: e2e-hosted.test.ts.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../opentrain-server/src/testing/browser';
import { type Harness, startHarness } from '../../opentrain-server/src/testing/harness';
import { stdioAgent } from './flow/agents';
import { hiringFlow } from './flow/hiring-flow';
import { chromiumHuman, httpHuman } from './flow/humans';
import { buildBundle } from './helpers';

let h: Harness;
let browser: Browser;
let bundle: string;

beforeAll(async () => {
  [h, browser] = await Promise.all([startHarness({ settings: { sandboxMarketplace: true, sandboxApplyMode: 'immediate' } }), launchChromium()]);
  bundle = buildBundle();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
});

hiringFlow(() => h, stdioAgent(() => bundle, 'v1'), chromiumHuman(() => browser), 'stdio bundle, SDK v1 client, human in chromium');
hiringFlow(() => h, stdioAgent(() => bundle, 'v2'), httpHuman, 'stdio bundle, SDK v2 client, human by form posts');
