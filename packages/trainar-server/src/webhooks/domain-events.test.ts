/**
 * The six webhook events fired by the real domain actions (not emitted by hand): a task created
 * over REST, a device session on that task (start → stop → upload that completes it) and a skill
 * executed over REST all reach one subscribed endpoint as Standard Webhooks signed envelopes that
 * the independent `standardwebhooks` package verifies; the session's duration in the event is the
 * server's, measured on the injected clock.
 */
import { type ReceivedRequest, startReceiver, type TestReceiver } from '@platform/kit/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deviceCall, pairDevice, startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';
import { TRAINAR_EVENTS } from './events';

let h: TrainArHarness;
let t: TenantFixture;
let key: string;
let hooks: TestReceiver;
let skillEndpoint: TestReceiver;

const headersOf = (req: ReceivedRequest) => Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));

beforeAll(async () => {
  hooks = await startReceiver(() => 200);
  skillEndpoint = await startReceiver(() => 200);
  h = await startHarness({ settings: { webhookUrlAllowance: 'loopback', skillUrlAllowance: 'loopback' } });
  t = await h.createTenant('Event Co');
  key = (await h.createKey(t.tenantId, ['manage:webhooks', 'write:tasks', 'write:skills'])).key;
});
afterAll(async () => {
  await h?.close();
  await Promise.all([hooks?.close(), skillEndpoint?.close()]);
});

describe('webhooks from domain actions', () => {
  it('delivers task, session and skill events signed, with the server-measured session duration', async () => {
    const endpoint = await h.call('POST', '/v1/webhook-subscribe', { key, body: { url: `${hooks.url}/trainar`, events: [...TRAINAR_EVENTS] } });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);

    const task = await h.call('POST', '/v1/api-tenant-tasks', { key, body: { title: 'Replace the pump seal', priority: 'high' } });
    expect(task.status).toBe(201);
    const member = await h.invite(t.tenantId, 'member');
    const { seats } = await h.services.seats.list(t.tenantId);
    await h.services.seats.update(t.tenantId, seats[0].id, { user_id: member.id });
    const device = await pairDevice(h, t.tenantId);
    const started = await deviceCall(h, device.credential, 'POST', '/v1/device/sessions', { role: 'trainee', task_id: task.body.id });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    // Let the deliveries so far land first: moving the clock 210 s while one is in flight expires its
    // lease and the outbox runs it again (at least once: the receiver would see it twice).
    await vi.waitFor(() => expect(hooks.received.map((req) => JSON.parse(req.body.toString('utf8')).event)).toContain('session.started'), { timeout: 30_000, interval: 100 });
    h.clock.advance(210_000);
    await deviceCall(h, device.credential, 'POST', `/v1/device/sessions/${started.body.id}/stop`);
    const uploaded = await deviceCall(h, device.credential, 'POST', `/v1/device/sessions/${started.body.id}/upload`, { summary: 'Seal replaced', score: 92, complete_task: true });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);

    const skill = await h.call('POST', '/v1/api-tenant-skills', { key, body: { display_name: 'Log Reading', description: 'Log a gauge reading', webhook_url: `${skillEndpoint.url}/log` } });
    expect(skill.status, JSON.stringify(skill.body)).toBe(201);
    const executed = await h.call('POST', '/v1/api-tenant-skills-execute', { key, body: { skill_id: skill.body.id, arguments: {}, session_context: { user_id: member.id } } });
    expect(executed.status, JSON.stringify(executed.body)).toBe(200);

    // task.created, task.status_changed ×2, session.started, session.completed, task.completed, skill.executed
    await vi.waitFor(() => expect(hooks.received.length).toBeGreaterThanOrEqual(7), { timeout: 30_000, interval: 100 });
    const verifier = new Webhook(endpoint.body.secret);
    const envelopes = hooks.received.map((req) => verifier.verify(req.body.toString('utf8'), headersOf(req)) as { event: string; event_id: string; data: Record<string, unknown> });
    expect(new Set(envelopes.map((e) => e.event))).toEqual(new Set(TRAINAR_EVENTS));
    const byEvent = (event: string) => envelopes.filter((e) => e.event === event);
    expect(byEvent('task.created')[0].data).toMatchObject({ task_id: task.body.id, title: 'Replace the pump seal' });
    expect(byEvent('session.started')[0].data).toMatchObject({ session_id: started.body.id, task_id: task.body.id });
    expect(byEvent('session.completed')[0].data).toMatchObject({ session_id: started.body.id, duration_seconds: 210, score: 92 });
    expect(byEvent('task.completed')[0].data).toMatchObject({ task_id: task.body.id });
    expect(byEvent('skill.executed')[0].data).toMatchObject({ execution_id: executed.body.execution_id, success: true });
    expect(new Set(envelopes.map((e) => e.event_id)).size).toBe(envelopes.length);
  });
});
