/**
 * Training sessions through the device API on a ManualClock: the server measures the duration
 * (never the device), start/completion land in the outbox as session.started / session.completed,
 * a silent device's session is closed by the timeout job, and the Tenant API lists, filters and
 * aggregates what happened.
 */
import { waitForEventHorizon } from '@platform/kit';
import { ops } from '@trainar/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceCall, type PairedDevice, pairDevice, readTrainArEvents, startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';
import { SESSION_SILENCE_TIMEOUT_SECONDS } from './service';

let h: TrainArHarness;
let t: TenantFixture;
let d: PairedDevice;
let key: string;

const dev = (method: string, path: string, body?: unknown) => deviceCall(h, d.credential, method, path, body);

async function eventsOf(tenantId: string) {
  await waitForEventHorizon(h.database.db);
  return (await readTrainArEvents(h.database.db, { scope: tenantId, limit: 1000 })).events;
}

beforeAll(async () => {
  h = await startHarness();
  t = await h.createTenant('Session Co');
  const member = await h.invite(t.tenantId, 'member');
  const { seats } = await h.services.seats.list(t.tenantId);
  await h.services.seats.update(t.tenantId, seats[0].id, { user_id: member.id });
  d = await pairDevice(h, t.tenantId);
  key = (await h.createKey(t.tenantId, ['read:sessions'])).key;
});
afterAll(() => h?.close());

describe('device session API', () => {
  it('measures the duration on the server clock from start to stop, whatever the device claims', async () => {
    const started = await dev('POST', '/v1/device/sessions', { role: 'trainer' });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'in_progress', role: 'trainer', started_at: h.clock.now().toISOString(), duration_seconds: null, seat_id: d.seatId, device_id: d.deviceId });
    const id = started.body.id;
    h.clock.advance(95_000);
    expect((await dev('POST', `/v1/device/sessions/${id}/heartbeat`)).body.last_heartbeat_at).toBe(h.clock.now().toISOString());
    h.clock.advance(30_400);
    const stopped = await dev('POST', `/v1/device/sessions/${id}/stop`);
    expect(stopped.body).toMatchObject({ duration_seconds: 125, status: 'in_progress', end_reason: 'stopped' });
    h.clock.advance(600_000); // upload time is post-processing: it does not count
    const uploaded = await dev('POST', `/v1/device/sessions/${id}/upload`, {
      summary: 'Replaced the filter',
      score: 87,
      notes: 'Good pace',
      video_url: 'https://cdn.example.test/v.mp4',
      duration_seconds: 9999,
      procedures: [{ name: 'Remove cover', description: 'Four screws', video_url: 'https://cdn.example.test/p1.mp4' }],
    });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject({ status: 'completed', duration_seconds: 125, score: 87, summary: 'Replaced the filter', procedures: [{ name: 'Remove cover' }] });
    expect((await dev('POST', `/v1/device/sessions/${id}/upload`, {})).status).toBe(409);

    const events = (await eventsOf(t.tenantId)).filter((e) => (e.payload as { session_id?: string }).session_id === id);
    expect(events.map((e) => e.type)).toEqual(['session.started', 'session.completed']);
    expect(events[1].payload).toMatchObject({ session_id: id, status: 'completed', duration_seconds: 125, score: 87, user_email: expect.stringContaining('@'), task_id: null, video_url: 'https://cdn.example.test/v.mp4' });
  });

  it('refuses bad input with the field named, a role the seat lacks, a second running session, and an unknown task', async () => {
    expect((await dev('POST', '/v1/device/sessions', { role: 'pilot' })).body.details.field).toBe('role');
    await h.services.seats.update(t.tenantId, d.seatId, { roles: ['trainer'] });
    const lacking = await dev('POST', '/v1/device/sessions', { role: 'trainee' });
    expect(lacking.status).toBe(400);
    expect(lacking.body.message).toMatch(/set up for trainer, not trainee/);
    await h.services.seats.update(t.tenantId, d.seatId, { roles: ['trainer', 'trainee'] });
    const bad = await dev('POST', '/v1/device/sessions', { role: 'trainee', task_id: crypto.randomUUID() });
    expect(bad.status).toBe(404);
    expect(bad.body.details.field).toBe('task_id');
    const other = await h.createTenant('Other Co');
    const foreign = await h.services.tasks.create(other.tenantId, { kind: 'operator' }, { title: 'Not yours', source: 'manual' });
    expect((await dev('POST', '/v1/device/sessions', { role: 'trainee', task_id: foreign.id })).status).toBe(404);
    const first = await dev('POST', '/v1/device/sessions', { role: 'trainee' });
    const second = await dev('POST', '/v1/device/sessions', { role: 'trainee' });
    expect(second.status).toBe(409);
    expect(second.body.message).toContain(first.body.id);
    const badScore = await dev('POST', `/v1/device/sessions/${first.body.id}/upload`, { score: 101 });
    expect(badScore.body.details.field).toBe('score');
    const done = await dev('POST', `/v1/device/sessions/${first.body.id}/upload`, { score: 40 });
    expect(done.body.status).toBe('completed');
  });

  it(`closes the session of a device silent for ${SESSION_SILENCE_TIMEOUT_SECONDS} s, ending it at its last heartbeat`, async () => {
    const started = await dev('POST', '/v1/device/sessions', { role: 'trainee' });
    const id = started.body.id;
    h.clock.advance(200_000);
    await dev('POST', `/v1/device/sessions/${id}/heartbeat`);
    h.clock.advance(200_000); // 400 s after start: the first check finds a recent heartbeat and re-arms
    await h.jobsSettled();
    expect((await h.services.sessions.get(t.tenantId, id)).status).toBe('in_progress');
    h.clock.advance(101_000); // 301 s of silence
    await h.jobsSettled();
    expect((await h.services.sessions.get(t.tenantId, id)).status).toBe('failed');
    const closed = await h.services.sessions.get(t.tenantId, id);
    expect(closed).toMatchObject({ end_reason: 'timed_out', duration_seconds: 200 });
    const late = await dev('POST', `/v1/device/sessions/${id}/heartbeat`);
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/without a heartbeat/);
    const completed = (await eventsOf(t.tenantId)).find((e) => e.type === 'session.completed' && (e.payload as { session_id: string }).session_id === id);
    expect(completed?.payload).toMatchObject({ status: 'failed', duration_seconds: 200 });
  });
});

describe('sessions on a task', () => {
  it('moves the task to in_progress at start and completes it with the upload, in the same transactions as the session events', async () => {
    const task = await h.services.tasks.create(t.tenantId, { kind: 'operator' }, { title: 'Replace pump seal', source: 'manual', external_id: 'JOB-42' });
    const started = await dev('POST', '/v1/device/sessions', { role: 'trainer', task_id: task.id });
    expect(started.body).toMatchObject({ name: 'Replace pump seal', task_id: task.id });
    expect(await h.services.tasks.get(t.tenantId, task.id)).toMatchObject({ status: 'in_progress', session_id: started.body.id });
    h.clock.advance(42_000);
    const done = await dev('POST', `/v1/device/sessions/${started.body.id}/upload`, { score: 100, complete_task: true });
    expect(done.body).toMatchObject({ status: 'completed', duration_seconds: 42 });
    const after = await h.services.tasks.get(t.tenantId, task.id);
    expect(after).toMatchObject({ status: 'completed', session_id: started.body.id });
    expect(after.completed_at).toBe(h.clock.now().toISOString());
    const events = (await eventsOf(t.tenantId)).filter((e) => JSON.stringify(e.payload).includes(task.id));
    expect(events.map((e) => e.type)).toEqual(['task.created', 'task.status_changed', 'session.started', 'task.status_changed', 'task.completed', 'session.completed']);
    expect(events[5].payload).toMatchObject({ task_id: task.id, external_id: 'JOB-42', duration_seconds: 42 });
  });
});

describe('sessions in the Tenant API', () => {
  it('lists with filters, gets one, and aggregates', async () => {
    const all = await h.callOperation(ops.listSessions, {}, key);
    expect(all.body.total).toBe(4);
    const failed = await h.callOperation(ops.listSessions, { status: 'failed' }, key);
    expect(failed.body.sessions).toHaveLength(1);
    const trainer = await h.callOperation(ops.listSessions, { role: 'trainer', seat_id: d.seatId }, key);
    expect(trainer.body.sessions.map((s: { score: number }) => s.score)).toEqual([100, 87]);
    const future = await h.callOperation(ops.listSessions, { from: new Date(h.clock.now().getTime() + 1000).toISOString() }, key);
    expect(future.body.total).toBe(0);
    const one = await h.callOperation(ops.getSession, { session_id: trainer.body.sessions[1].id }, key);
    expect(one.body.procedures[0]).toEqual({ name: 'Remove cover', description: 'Four screws', video_url: 'https://cdn.example.test/p1.mp4' });

    const byRole = await h.callOperation(ops.getSessionAnalytics, { group_by: 'role', to: new Date(h.clock.now().getTime() + 1000).toISOString() }, key);
    expect(byRole.body).toMatchObject({ total_sessions: 4, completed: 3, failed: 1, total_duration_seconds: 125 + 0 + 200 + 42, average_duration_seconds: 91.8, average_score: 75.7 });
    expect(byRole.body.groups.map((g: { key: string; sessions: number }) => [g.key, g.sessions])).toEqual([
      ['trainee', 2],
      ['trainer', 2],
    ]);
    const denied = await h.callOperation(ops.listDevices, {}, key);
    expect(denied.status).toBe(403);
  });
});
