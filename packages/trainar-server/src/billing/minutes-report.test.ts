/**
 * The minutes report over REST on the ManualClock: a 12.5-minute session shows in every period
 * that contains it (7d, 30d, 90d, 12m, custom) and in none that does not; change vs the previous
 * period; runway days and their label; bad custom windows name the field.
 */
import { ManualClock } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';

let h: TrainArHarness;
let t: TenantFixture;
let key: string;
const clock = new ManualClock('2026-04-01T12:00:00Z');
const DAY = 86_400_000;

beforeAll(async () => {
  h = await startHarness({ clock });
  t = await h.createTenant();
  key = (await h.createKey(t.tenantId, ['read:billing'])).key;
});
afterAll(() => h?.close());

const report = (query: Record<string, string>) => h.call('GET', '/v1/api-tenant-reports-minutes', { key, query });

describe('minutes report', () => {
  it('shows a 12.5-minute session in every period that contains it', async () => {
    await h.services.billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 4); // 2026-04-01, in the 7d window's predecessor later
    clock.set(clock.now().getTime() + 10 * DAY); // 2026-04-11
    await h.services.billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 12.5);
    clock.set(clock.now().getTime() + DAY); // report on 2026-04-12
    const week = await report({ period: '7d' });
    expect(week.status).toBe(200);
    expect(week.body).toMatchObject({ used_minutes: 12.5, previous_used_minutes: 4, change_pct: 212.5, daily: [{ date: '2026-04-11', included: 0, purchased: 12.5 }], balance: { remaining: 13.5 } });
    for (const period of ['30d', '90d', '12m']) expect((await report({ period })).body.used_minutes).toBe(16.5);
    expect((await report({ period: 'custom', from: '2026-04-11T00:00:00Z', to: '2026-04-12T00:00:00Z' })).body.used_minutes).toBe(12.5);
    expect((await report({ period: 'custom', from: '2026-04-02T00:00:00Z', to: '2026-04-10T00:00:00Z' })).body).toMatchObject({ used_minutes: 0, daily: [], runway_days: null, runway: 'plenty' });
  });

  it('gives runway days from the average daily use, flagged under 7', async () => {
    const body = (await report({ period: '7d' })).body;
    // 12.5 minutes over 7 days ≈ 1.79 per day; 13.5 left → 7 days.
    expect(body).toMatchObject({ runway_days: 7, runway: 'ok' });
    await h.services.billing.pool.recordUsage(t.tenantId, crypto.randomUUID(), 5);
    // 17.5 over 7 days = 2.5 per day; 8.5 left → 3 days.
    expect((await report({ period: '7d' })).body).toMatchObject({ runway_days: 3, runway: 'warning' });
  });

  it('refuses a custom period without from, and from on a named period', async () => {
    const missing = await report({ period: 'custom' });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('from');
    expect((await report({ period: '30d', from: '2026-01-01T00:00:00Z' })).status).toBe(400);
    expect((await report({ period: 'custom', from: '2026-04-10T00:00:00Z', to: '2026-04-01T00:00:00Z' })).body.message).toContain('to');
  });
});
