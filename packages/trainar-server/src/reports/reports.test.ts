/**
 * Reports over REST on the ManualClock, fed by real device sessions and tasks: a simulated
 * 12.5-minute session drops the pool by 12.5 minutes and shows in the overview, sessions, users and
 * minutes reports of every period that contains it (7d, 30d, 90d, 12m, custom) and in none that
 * does not; change vs the previous period; the tasks report; bad custom windows name the field.
 */
import { ManualClock } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceCall, pairDevice, startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';

let h: TrainArHarness;
let t: TenantFixture;
let key: string;
let memberId: string;
let device: Awaited<ReturnType<typeof pairDevice>>;
const clock = new ManualClock('2026-02-01T09:00:00Z');
const DAY = 86_400_000;

beforeAll(async () => {
  h = await startHarness({ clock });
  t = await h.createTenant('Reports Co');
  const member = await h.invite(t.tenantId, 'member');
  memberId = member.id;
  const { seats } = await h.services.seats.list(t.tenantId);
  await h.services.seats.update(t.tenantId, seats[0].id, { user_id: member.id });
  key = (await h.createKey(t.tenantId, ['read:reports', 'read:billing', 'write:tasks', 'read:tasks'])).key;
  device = await pairDevice(h, t.tenantId);
});
afterAll(() => h?.close());

const get = (path: string, query: Record<string, string>) => h.call('GET', `/v1/api-tenant-reports-${path}`, { key, query });

/** A session on the glasses: start, heartbeat every 30 s for `minutes`, upload with a score (stops it). */
async function session(minutes: number, score: number) {
  const started = await deviceCall(h, device.credential, 'POST', '/v1/device/sessions', { role: 'trainee' });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  for (let i = 0; i < minutes * 2; i++) {
    clock.advance(30_000);
    await deviceCall(h, device.credential, 'POST', `/v1/device/sessions/${started.body.id}/heartbeat`);
  }
  const done = await deviceCall(h, device.credential, 'POST', `/v1/device/sessions/${started.body.id}/upload`, { summary: 'done', score });
  expect(done.body).toMatchObject({ status: 'completed', duration_seconds: minutes * 60 });
  return started.body.id as string;
}

describe('reports', () => {
  let sessionId: string;
  let startedAt: number;

  it('a simulated 12.5-minute session drops the pool by 12.5 minutes', async () => {
    // An earlier, 5-minute session in the previous 7-day window (2026-02-01).
    await session(5, 60);
    clock.set(Date.parse('2026-02-10T14:00:00Z'));
    startedAt = clock.now().getTime();
    sessionId = await session(12.5, 90);
    const balance = (await h.call('GET', '/v1/api-tenant-minutes-balance', { key })).body;
    expect(balance).toMatchObject({ remaining: 12.5, used_this_period: 17.5 }); // 30 welcome − 5 − 12.5
    clock.set(Date.parse('2026-02-11T09:00:00Z'));
  });

  it('shows the session in every period that contains it', async () => {
    for (const period of ['7d', '30d', '90d', '12m']) {
      const overview = await get('overview', { period });
      expect(overview.status, JSON.stringify(overview.body)).toBe(200);
      expect(overview.body.trend.find((p: { date: string }) => p.date.startsWith('2026-02-10') || p.date === '2026-02')?.sessions, period).toBeGreaterThanOrEqual(1);
      const sessions = (await get('sessions', { period })).body;
      expect(sessions.sessions.map((s: { id: string }) => s.id), period).toContain(sessionId);
      const users = (await get('users', { period })).body;
      expect(users.users.find((u: { user_id: string }) => u.user_id === memberId).trainee_sessions, period).toBeGreaterThanOrEqual(1);
      const minutes = (await get('minutes', { period })).body;
      expect(minutes.used_minutes, period).toBeGreaterThanOrEqual(12.5);
    }
    const week = (await get('overview', { period: '7d' })).body;
    expect(week).toMatchObject({
      total_sessions: { value: 1, previous: 1, change_pct: 0 },
      average_duration_seconds: { value: 750, previous: 300, change_pct: 150 },
      success_rate_pct: { value: 100 },
      active_users: { value: 1, of: 2 },
      minutes_used: { value: 12.5, previous: 5, change_pct: 150 },
      top_performers: [{ user_id: memberId, sessions: 1, completed: 1, average_score: 90 }],
    });
    expect(week.trend).toHaveLength(8); // 2026-02-04 … 2026-02-11, quiet days as zero
    expect((await get('overview', { period: '12m' })).body.trend.find((p: { date: string }) => p.date === '2026-02')).toEqual({ date: '2026-02', sessions: 2 });

    const custom = { period: 'custom', from: new Date(startedAt - 60_000).toISOString(), to: new Date(startedAt + 60_000).toISOString() };
    expect((await get('overview', custom)).body.total_sessions.value).toBe(1);
    const sessions = (await get('sessions', custom)).body;
    expect(sessions).toMatchObject({ total: 1, by_role: { trainer: 0, trainee: 1 }, by_status: { completed: 1 }, minutes_used: 12.5 });
    expect(sessions.duration_buckets).toContainEqual({ bucket: '10-20m', sessions: 1 });
    expect(sessions.by_weekday).toContainEqual({ day: 'Tue', sessions: 1 }); // 2026-02-10 is a Tuesday
    expect((await get('users', custom)).body.users.find((u: { user_id: string }) => u.user_id === memberId)).toMatchObject({ trainee_sessions: 1, trainer_sessions: 0, minutes: 12.5 });
    expect((await get('minutes', { ...custom, to: new Date(startedAt + 13 * 60_000).toISOString() })).body.used_minutes).toBe(12.5);
  });

  it('leaves it out of a period that does not contain it', async () => {
    const before = { period: 'custom', from: '2026-02-05T00:00:00Z', to: '2026-02-10T00:00:00Z' };
    expect((await get('overview', before)).body).toMatchObject({ total_sessions: { value: 0 }, minutes_used: { value: 0 }, top_performers: [] });
    expect((await get('sessions', before)).body).toMatchObject({ total: 0, sessions: [], minutes_used: 0 });
    expect((await get('users', before)).body.users.every((u: { trainee_sessions: number }) => u.trainee_sessions === 0)).toBe(true);
    expect((await get('minutes', before)).body.used_minutes).toBe(0);
    clock.set(Date.parse('2026-02-11T09:00:00Z') + 40 * DAY);
    expect((await get('sessions', { period: '30d' })).body.total).toBe(0);
    expect((await get('sessions', { period: '90d' })).body.total).toBe(2);
  });

  it('counts tasks created and completed, by status and source', async () => {
    const create = (title: string) => h.call('POST', '/v1/api-tenant-tasks', { key, body: { title } });
    const a = (await create('Replace filter')).body;
    await create('Check valve');
    clock.advance(2 * 3_600_000);
    expect((await h.call('PATCH', '/v1/api-tenant-tasks', { key, query: { task_id: a.id }, body: { status: 'completed' } })).status).toBe(200);
    const report = (await get('tasks', { period: '7d' })).body;
    expect(report).toMatchObject({ created: 2, completed: 1, completion_rate_pct: 50, average_completion_seconds: 7200, by_status: { open: 1, completed: 1 }, by_source: { api: 2 } });
    expect(report.series.at(-1)).toMatchObject({ created: 2, completed: 1 });
    expect((await get('tasks', { period: 'custom', from: '2026-01-01T00:00:00Z', to: '2026-01-31T00:00:00Z' })).body).toMatchObject({ created: 0, completed: 0, completion_rate_pct: null });
  });

  it('refuses bad windows with the field named, and needs read:reports', async () => {
    const missing = await get('overview', { period: 'custom' });
    expect(missing.status).toBe(400);
    expect(missing.body.details.field).toBe('from');
    expect((await get('sessions', { period: '7d', from: '2026-01-01T00:00:00Z' })).body.details.field).toBe('from');
    expect((await get('users', { period: 'custom', from: '2026-03-10T00:00:00Z', to: '2026-03-01T00:00:00Z' })).body.details.field).toBe('to');
    expect((await get('tasks', { period: 'custom', from: 'yesterday' })).status).toBe(400);
    const other = (await h.createKey(t.tenantId, ['read:tasks'])).key;
    expect((await h.call('GET', '/v1/api-tenant-reports-overview', { key: other })).status).toBe(403);
  });
});
