/**
 * Sessions burn minutes: a device session of 12.5 minutes on the server clock (heartbeats between)
 * drops the tenant's pool by exactly 12.5 minutes when it stops, the ledger names the session, the
 * minutes report shows it. Exhaustion: heartbeats warn under 10 minutes left, the server stops a
 * session when the pool (minus the running time) reaches −5, and a new session is refused on an empty
 * pool. Concurrent session stops never double-spend (PostgreSQL when TEST_DATABASE_URL is set).
 */
import { ManualClock } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceCall, pairDevice, startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';

let h: TrainArHarness;
let t: TenantFixture;
let key: string;
const clock = new ManualClock('2026-05-04T09:00:00Z');

beforeAll(async () => {
  h = await startHarness({ clock });
  t = await h.createTenant('Minutes Co');
  const member = await h.invite(t.tenantId, 'member');
  const { seats } = await h.services.seats.list(t.tenantId);
  await h.services.seats.update(t.tenantId, seats[0].id, { user_id: member.id });
  key = (await h.createKey(t.tenantId, ['read:billing'])).key;
});
afterAll(() => h?.close());

const balance = async () => (await h.call('GET', '/v1/api-tenant-minutes-balance', { key })).body;

describe('session minutes', () => {
  it('a simulated 12.5-minute session drops the pool by 12.5 minutes, once', async () => {
    const d = await pairDevice(h, t.tenantId);
    expect(await balance()).toMatchObject({ remaining: 30, used_this_period: 0 });
    const started = await deviceCall(h, d.credential, 'POST', '/v1/device/sessions', { role: 'trainee' });
    expect(started.status).toBe(201);
    for (let i = 0; i < 25; i++) {
      clock.advance(30_000);
      await deviceCall(h, d.credential, 'POST', `/v1/device/sessions/${started.body.id}/heartbeat`);
    }
    expect((await deviceCall(h, d.credential, 'POST', `/v1/device/sessions/${started.body.id}/stop`)).body.duration_seconds).toBe(750);
    expect(await balance()).toMatchObject({ remaining: 17.5, used_this_period: 12.5 });
    // Stopping again and uploading afterwards burn nothing more.
    await deviceCall(h, d.credential, 'POST', `/v1/device/sessions/${started.body.id}/stop`);
    expect((await deviceCall(h, d.credential, 'POST', `/v1/device/sessions/${started.body.id}/upload`, { summary: 'done', score: 90 })).status).toBe(200);
    expect(await balance()).toMatchObject({ remaining: 17.5, used_this_period: 12.5 });

    const ledger = (await h.call('GET', '/v1/api-tenant-minute-transactions', { key, query: { limit: 10 } })).body;
    const usage = ledger.transactions.filter((tx: { type: string }) => tx.type === 'usage');
    expect(usage).toMatchObject([{ minutes: -12.5, session_id: started.body.id, balance_after: 17.5 }]);
    clock.advance(3_600_000);
    const report = (await h.call('GET', '/v1/api-tenant-reports-minutes', { key, query: { period: '7d' } })).body;
    expect(report.used_minutes).toBe(12.5);
  });

  it('warns under 10 minutes, stops the running session at −5, and refuses a new one until minutes are bought', async () => {
    const other = await h.createTenant('Exhaustion Co');
    const otherKey = (await h.createKey(other.tenantId, ['read:billing'])).key;
    await h.services.billing.pool.recordUsage(other.tenantId, crypto.randomUUID(), 20); // 10 left
    const d = await pairDevice(h, other.tenantId);
    const started = await deviceCall(h, d.credential, 'POST', '/v1/device/sessions', { role: 'trainee' });
    expect(started.status).toBe(201);
    const beats: Array<{ minutes: { remaining: number; action: string }; stopped_at: string | null }> = [];
    for (let i = 0; i < 40; i++) {
      clock.advance(30_000);
      const beat = await deviceCall(h, d.credential, 'POST', `/v1/device/sessions/${started.body.id}/heartbeat`);
      if (beat.status !== 200) break;
      beats.push(beat.body);
      if (beat.body.minutes.action === 'stop') break;
    }
    expect(beats[0].minutes).toEqual({ remaining: 9.5, action: 'warn' });
    const last = beats.at(-1);
    expect(beats).toHaveLength(30); // 15 minutes: 10 left + the 5-minute overdraft
    expect(last?.minutes).toEqual({ remaining: -5, action: 'stop' });
    expect(last?.stopped_at).not.toBeNull();
    const after = (await h.call('GET', '/v1/api-tenant-minutes-balance', { key: otherKey })).body;
    expect(after).toMatchObject({ remaining: -5, action: 'stop' });
    // The stopped session takes no more beats; its results can still be uploaded.
    expect((await deviceCall(h, d.credential, 'POST', `/v1/device/sessions/${started.body.id}/heartbeat`)).status).toBe(409);
    expect((await deviceCall(h, d.credential, 'POST', `/v1/device/sessions/${started.body.id}/upload`, { summary: 'cut short' })).status).toBe(200);

    const refused = await deviceCall(h, d.credential, 'POST', '/v1/device/sessions', { role: 'trainee' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('/dashboard/billing');
    expect(refused.body.details).toMatchObject({ field: 'minutes', next: 'buy_minute_pack' });
    const pack = await h.services.billing.buyPack(other.tenantId, 'pack_100');
    await h.services.billing.completeCheckout(pack.checkout_id, { providerRef: 'sandbox_test' });
    expect((await deviceCall(h, d.credential, 'POST', '/v1/device/sessions', { role: 'trainee' })).status).toBe(201);
  });

  it('never double-spends when several sessions stop at once', async () => {
    const busy = await h.createTenant('Concurrent Co');
    await h.subscribe(busy.tenantId, 3, 'starter'); // 900 included + 30 welcome
    for (let i = 0; i < 2; i++) await h.services.seats.add(busy.tenantId, { roles: ['trainee'], device_option: 'skip', financing: 'none' }); // + the trial seat
    const devices = [];
    for (const seat of (await h.services.seats.list(busy.tenantId)).seats) devices.push(await pairDevice(h, busy.tenantId, { seatId: seat.id }));
    const started = await Promise.all(devices.map((d) => deviceCall(h, d.credential, 'POST', '/v1/device/sessions', { role: 'trainee' })));
    expect(started.map((r) => r.status)).toEqual([201, 201, 201]);
    await h.services.billing.pool.recordUsage(busy.tenantId, crypto.randomUUID(), 929); // 1 minute left
    clock.advance(180_000); // three 3-minute sessions: 9 minutes asked, 1 + 5 (overdraft) chargeable
    const stopped = await Promise.all(devices.map((d, i) => deviceCall(h, d.credential, 'POST', `/v1/device/sessions/${started[i].body.id}/stop`)));
    expect(stopped.map((r) => r.body.duration_seconds)).toEqual([180, 180, 180]);
    expect((await h.services.billing.getBalance(busy.tenantId)).remaining).toBe(-5);
    const usage = await h.services.billing.listTransactions(busy.tenantId, { limit: 100, offset: 0, type: 'usage' });
    const sessionRows = usage.transactions.filter((x) => x.session_id && started.some((r) => r.body.id === x.session_id));
    expect(sessionRows.reduce((sum, x) => sum - x.minutes, 0)).toBe(6);
    expect(sessionRows.reduce((sum, x) => sum + x.unbilled_minutes, 0)).toBe(3);
  });
});
