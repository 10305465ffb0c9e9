/**
 * Acceptance, end to end: an admin signs up and generates a pairing code on the Seats page in
 * chromium; the `trainar-device` simulator, spawned as a real process through the workspace bin,
 * pairs with it and runs a session on a task; session.started and session.completed arrive at a
 * subscribed webhook receiver, signed (verified with the independent `standardwebhooks` package);
 * the dashboard shows the device and the session. The server runs on the real clock here (the
 * simulator waits real seconds), so the duration is checked within a tolerance; exact durations on
 * the ManualClock are in sessions/sessions.test.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createLogger, waitForEventHorizon } from '@platform/kit';
import { checkPage, createTestDatabase, launchChromium, type ReceivedRequest, startReceiver, type TestDatabase, type TestReceiver } from '@platform/kit/testing';
import type { Browser } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../composition';
import { startTrainAr } from '../main';
import { trainarMigrations } from '../migrations';
import { PASSWORD, readTrainArEvents, uniqueEmail } from '../testing/index';

const BIN = resolve(import.meta.dirname, '../../../../node_modules/.bin/trainar-device');
const run = promisify(execFile);
let database: TestDatabase;
let app: Awaited<ReturnType<typeof startTrainAr>>;
let browser: Browser;
let hooks: TestReceiver;

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm install at the repository root`);
  hooks = await startReceiver(() => 200);
  database = await createTestDatabase(trainarMigrations);
  app = await startTrainAr({
    port: 0,
    host: '127.0.0.1',
    database,
    logger: createLogger({ name: 'trainar-e2e', level: 'silent' }),
    settings: { apiRateLimitPerMinute: 0, webhookUrlAllowance: 'loopback' },
    smtpUrl: undefined,
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
  await hooks?.close();
});

describe('pairing and a session, end to end', () => {
  it('pairs the simulator with a code from the dashboard and records its session', async () => {
    const context = await browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    const dir = mkdtempSync(join(tmpdir(), 'trainar-device-'));
    const state = join(dir, 'device.json');
    try {
      await page.goto('/signup');
      await page.getByLabel('Organisation name').fill('Glasses Ltd');
      await page.getByLabel('Your full name').fill('Gail Glasses');
      await page.getByLabel('Email').fill(uniqueEmail('gail'));
      await page.getByLabel(/^Password/).fill(PASSWORD);
      await page.getByRole('button', { name: 'Create organisation' }).click();
      await page.waitForURL('**/dashboard');
      await page.getByRole('navigation').getByRole('link', { name: 'Seats' }).click();
      await page.waitForURL('**/dashboard/seats');
      expect(await page.locator('dl.facts').textContent()).toContain('1 of 1 (trial plan)');
      await page.locator('tbody tr').first().getByRole('button', { name: 'Pair Device' }).click();
      const card = page.getByRole('article', { name: 'Pair device' });
      await card.waitFor();
      expect(await card.getByRole('img').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
      const code = ((await page.locator('#pairing-code').textContent()) ?? '').trim();
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

      const paired = await run(BIN, ['pair', '--server', app.url, '--code', code, '--state', state, '--json']);
      const pairing = JSON.parse(paired.stdout);
      expect(pairing.device_credential).toBeUndefined();
      expect(statSync(state).mode & 0o777).toBe(0o600);

      const services = app.extra.services as AppServices;
      const device = await services.devices.authenticate(JSON.parse(readFileSync(state, 'utf8')).device_credential);
      const task = await services.tasks.create(device.tenantId, { kind: 'operator' }, { title: 'Calibrate the press', source: 'manual' });
      const endpoint = await services.webhooks.create(device.tenantId, { url: `${hooks.url}/trainar`, events: ['session.started', 'session.completed'], source: 'api' });

      const ran = await run(BIN, ['run-session', '--state', state, '--seconds', '3', '--role', 'trainer', '--score', '90', '--summary', 'E2E run', '--task', task.id, '--json']);
      const session = JSON.parse(ran.stdout);
      expect(session).toMatchObject({ status: 'completed', role: 'trainer', score: 90, summary: 'E2E run', task_id: task.id, name: 'Calibrate the press' });
      expect(await services.tasks.get(device.tenantId, task.id)).toMatchObject({ status: 'completed', session_id: session.id });
      expect(session.duration_seconds).toBeGreaterThanOrEqual(3);
      expect(session.duration_seconds).toBeLessThanOrEqual(6);

      await waitForEventHorizon(database.db);
      const events = (await readTrainArEvents<{ session_id: string; duration_seconds?: number }>(database.db, { limit: 1000 })).events.filter((e) => e.payload.session_id === session.id);
      // The task's events carry the session too: each task change commits with its session event.
      expect(events.map((e) => e.type)).toEqual(['task.status_changed', 'session.started', 'task.status_changed', 'task.completed', 'session.completed']);
      expect(events[4].payload).toMatchObject({ task_id: task.id, duration_seconds: session.duration_seconds });

      // The same two events arrive at the subscribed endpoint, signed with its secret.
      await vi.waitFor(() => expect(hooks.received.length).toBeGreaterThanOrEqual(2), { timeout: 30_000, interval: 100 });
      const headersOf = (req: ReceivedRequest) => Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      const verifier = new Webhook(endpoint.secret);
      const delivered = hooks.received.map((req) => verifier.verify(req.body.toString('utf8'), headersOf(req)) as { event: string; data: Record<string, unknown> });
      expect(delivered.map((e) => e.event).sort()).toEqual(['session.completed', 'session.started']);
      expect(delivered.find((e) => e.event === 'session.completed')?.data).toMatchObject({ session_id: session.id, task_id: task.id, duration_seconds: session.duration_seconds });

      await page.goto('/dashboard/devices');
      expect(await page.locator(`tr[data-device-id="${pairing.device_id}"]`).textContent()).toContain('Paired');
      await page.goto('/dashboard/sessions');
      await page.locator(`tr[data-session-id="${session.id}"]`).getByRole('link').click();
      await page.waitForURL(`**/dashboard/sessions/${session.id}`);
      expect(await page.locator('#session-duration').textContent()).toBe(`${session.duration_seconds} s`);

      const problems: string[] = [];
      for (const [path, name] of [
        ['/dashboard/seats', 'trainar-seats'],
        ['/dashboard/devices', 'trainar-devices'],
        ['/dashboard/sessions', 'trainar-sessions'],
        [`/dashboard/sessions/${session.id}`, 'trainar-session-detail'],
      ] as const) {
        problems.push(...(await checkPage(page, path, name)));
      }
      expect(problems).toEqual([]);

      await page.goto('/dashboard/devices');
      await page.locator(`tr[data-device-id="${pairing.device_id}"]`).getByRole('button', { name: 'Unpair' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Unpair' }).click();
      await page.waitForURL('**/dashboard/devices?notice=unpaired');
      const refused = await run(BIN, ['status', '--state', state]).catch((err: { code: number; stderr: string }) => err);
      expect(refused).toMatchObject({ code: 1 });
      expect((refused as { stderr: string }).stderr).toMatch(/UNAUTHORIZED: This device is not paired/);
    } finally {
      await context.close();
    }
  }, 300_000);
});
