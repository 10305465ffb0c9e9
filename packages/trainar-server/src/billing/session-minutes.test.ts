/**
 * Sessions burn minutes: a device session of 12.5 minutes on the server clock (heartbeats between)
 * drops the tenant's pool by exactly 12.5 minutes when it stops, the ledger names the session, the
 * minutes report shows it, and a silent device's timed-out session burns only its active time.
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
});
