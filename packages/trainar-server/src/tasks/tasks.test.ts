/**
 * Tasks over REST as an API client (or the n8n node) sees them: create (201, open, api), the
 * assignee check, list filters and paging, updates with completed_at, delete, external_id
 * uniqueness, and the webhook events written with each change (read from the outbox).
 */
import { waitForEventHorizon } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTrainArEvents, startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';

let h: TrainArHarness;
let t: TenantFixture;
let key: string;
let memberId: string;

beforeAll(async () => {
  h = await startHarness();
  t = await h.createTenant('Acme Field Services');
  key = (await h.createKey(t.tenantId, ['read:tasks', 'write:tasks'])).key;
  memberId = (await h.invite(t.tenantId, 'member')).id;
});
afterAll(() => h?.close());

const create = (body: Record<string, unknown>) => h.call('POST', '/v1/api-tenant-tasks', { key, body });
const patch = (taskId: string, body: Record<string, unknown>) => h.call('PATCH', '/v1/api-tenant-tasks', { key, query: { task_id: taskId }, body });

async function eventsOf(taskId: string) {
  await waitForEventHorizon(h.database.db);
  const page = await readTrainArEvents(h.database.db, { scope: t.tenantId, limit: 1000 });
  return page.events.filter((e) => e.payload.task_id === taskId).map((e) => ({ type: e.type, data: e.payload }));
}

describe('tasks over REST', () => {
  it('creates a task: 201, status open, source api, the assignee as {user_id, name}, and task.created', async () => {
    const res = await create({ title: 'Replace filter on unit 4', description: 'Bring a ladder', priority: 'urgent', due_date: '2026-12-24', assigned_to: memberId, external_id: 'JOB-4921' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Replace filter on unit 4',
      description: 'Bring a ladder',
      status: 'open',
      priority: 'urgent',
      source: 'api',
      external_id: 'JOB-4921',
      assigned_to: { user_id: memberId, name: 'Invited member' },
      due_date: '2026-12-24T00:00:00.000Z',
      completed_at: null,
      session_id: null,
    });
    const events = await eventsOf(res.body.id);
    expect(events).toEqual([
      { type: 'task.created', data: expect.objectContaining({ task_id: res.body.id, title: 'Replace filter on unit 4', status: 'open', source: 'api', external_id: 'JOB-4921', assigned_to: memberId }) },
    ]);
  });

  it('defaults priority to medium and reads empty strings (the n8n form) as "none"', async () => {
    const res = await create({ title: 'Inspect boiler', description: '', assigned_to: '', external_id: '', due_date: '' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ priority: 'medium', description: null, assigned_to: null, external_id: null, due_date: null });
  });

  it('refuses bad input with 400 BAD_REQUEST naming the field', async () => {
    const other = await h.createTenant('Other Co');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ description: 'no title' }, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: 'x', priority: 'critical' }, 'priority'],
      [{ title: 'x', due_date: 'next tuesday' }, 'due_date'],
      [{ title: 'x', assigned_to: 'bob' }, 'assigned_to'],
      [{ title: 'x', assigned_to: crypto.randomUUID() }, 'assigned_to'],
      [{ title: 'x', assigned_to: other.adminId }, 'assigned_to'],
    ];
    for (const [body, field] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toMatchObject({ error: 'BAD_REQUEST', details: { field } });
      expect(res.body.message).toContain(field === 'title' ? 'title' : field);
    }
    const notInTenant = await create({ title: 'x', assigned_to: other.adminId });
    expect(notInTenant.body.message).toContain('list_users');
  });

  it('keeps external_id unique per source: a repeat is 409 naming the existing task', async () => {
    const first = await create({ title: 'Import me', external_id: 'SM8-1' });
    const again = await create({ title: 'Import me again', external_id: 'SM8-1' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'CONFLICT', details: { field: 'external_id', task_id: first.body.id } });
    // The same reference from an integration is a different task.
    const imported = await h.services.tasks.create(t.tenantId, { kind: 'operator' }, { title: 'From ServiceM8', source: 'integration', provider: 'servicem8', external_id: 'SM8-1' });
    expect(imported).toMatchObject({ source: 'integration', provider: 'servicem8', external_id: 'SM8-1' });
    const moved = await create({ title: 'Other', external_id: 'SM8-2' });
    expect((await patch(moved.body.id, { external_id: 'SM8-1' })).status).toBe(409);
  });

  it('moves through statuses: completed_at set on completion and cleared on reopening, with status events', async () => {
    const task = (await create({ title: 'Lifecycle' })).body;
    const started = await patch(task.id, { status: 'in_progress' });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'in_progress', completed_at: null });
    h.clock.advance(60_000);
    const done = await patch(task.id, { status: 'completed' });
    expect(done.body.status).toBe('completed');
    expect(done.body.completed_at).toBe(h.clock.now().toISOString());
    const archived = await patch(task.id, { status: 'archived' });
    expect(archived.body).toMatchObject({ status: 'archived', completed_at: done.body.completed_at });
    const reopened = await patch(task.id, { status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', completed_at: null });
    // Same status again: no change, no event.
    expect((await patch(task.id, { status: 'open' })).status).toBe(200);
    const events = (await eventsOf(task.id)).map((e) => (e.type === 'task.status_changed' ? `${e.data.previous_status}->${e.data.new_status}` : e.type));
    expect(events).toEqual(['task.created', 'open->in_progress', 'in_progress->completed', 'task.completed', 'completed->archived', 'archived->open']);
  });

  it('updates fields (and clears them with null) without touching the status', async () => {
    const task = (await create({ title: 'Edit me', description: 'old', assigned_to: memberId })).body;
    const res = await patch(task.id, { title: 'Edited', priority: 'low', description: null, assigned_to: t.adminId, due_date: '2027-01-02T09:30:00+01:00' });
    expect(res.body).toMatchObject({ title: 'Edited', priority: 'low', description: null, assigned_to: { user_id: t.adminId }, due_date: '2027-01-02T08:30:00.000Z', status: 'open' });
    expect((await patch(task.id, { assigned_to: null })).body.assigned_to).toBeNull();
    expect((await patch(task.id, { assigned_to: crypto.randomUUID() })).body.details).toEqual({ field: 'assigned_to' });
    const empty = await patch(task.id, {});
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('status');
    expect((await eventsOf(task.id)).map((e) => e.type)).toEqual(['task.created']);
  });

  it('lists newest first with filters and paging; archived only when asked for', async () => {
    const tenant = await h.createTenant('Listing Co');
    const k = (await h.createKey(tenant.tenantId, ['write:tasks'])).key;
    const ids: string[] = [];
    for (const [i, priority] of (['low', 'high', 'high', 'urgent'] as const).entries()) {
      h.clock.advance(1000);
      const res = await h.call('POST', '/v1/api-tenant-tasks', { key: k, body: { title: `T${i}`, priority, assigned_to: i === 0 ? tenant.adminId : undefined, external_id: `E${i}` } });
      ids.push(res.body.id);
    }
    await h.call('PATCH', '/v1/api-tenant-tasks', { key: k, query: { task_id: ids[3] }, body: { status: 'archived' } });
    const list = (query: Record<string, string | number>) => h.call('GET', '/v1/api-tenant-tasks', { key: k, query });
    const all = await list({ limit: 50 });
    expect(all.body.tasks.map((x: { id: string }) => x.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(all.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect((await list({ limit: 1, offset: 1 })).body).toMatchObject({ tasks: [{ id: ids[1] }], total: 3 });
    expect((await list({ limit: 1, offset: 9 })).body).toMatchObject({ tasks: [], total: 3 });
    expect((await list({ priority: 'high' })).body.total).toBe(2);
    expect((await list({ assigned_to: tenant.adminId })).body.tasks.map((x: { id: string }) => x.id)).toEqual([ids[0]]);
    expect((await list({ external_id: 'E1' })).body.tasks.map((x: { id: string }) => x.id)).toEqual([ids[1]]);
    expect((await list({ status: 'archived' })).body.tasks.map((x: { id: string }) => x.id)).toEqual([ids[3]]);
    expect((await list({ source: 'manual' })).body.total).toBe(0);
    const bad = await list({ status: 'done' });
    expect(bad).toMatchObject({ status: 400, body: { error: 'BAD_REQUEST', details: { field: 'status' } } });
  });

  it('gets and deletes by ?task_id=; a missing task is 404 NOT_FOUND', async () => {
    const task = (await create({ title: 'Delete me' })).body;
    expect((await h.call('GET', '/v1/api-tenant-tasks', { key, query: { task_id: task.id } })).body).toMatchObject({ id: task.id, title: 'Delete me' });
    const del = await h.call('DELETE', '/v1/api-tenant-tasks', { key, query: { task_id: task.id } });
    expect(del).toMatchObject({ status: 200, body: { id: task.id, deleted: true } });
    const gone = await h.call('GET', '/v1/api-tenant-tasks', { key, query: { task_id: task.id } });
    expect(gone).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
    expect(gone.body.message).toContain('list_tasks');
    expect((await h.call('DELETE', '/v1/api-tenant-tasks', { key, query: { task_id: task.id } })).status).toBe(404);
  });

  it('keeps the task when its assignee is deleted, unassigned', async () => {
    const victim = await h.invite(t.tenantId, 'member');
    const task = (await create({ title: 'Orphan', assigned_to: victim.id })).body;
    await h.services.users.delete(t.tenantId, { kind: 'operator' }, victim.id);
    expect((await h.call('GET', '/v1/api-tenant-tasks', { key, query: { task_id: task.id } })).body).toMatchObject({ id: task.id, assigned_to: null });
  });
});

describe('the service other modules call (sessions)', () => {
  it('setStatus links the session and fires the same events, inside the caller transaction', async () => {
    const task = (await create({ title: 'Run on glasses' })).body;
    const sessionId = crypto.randomUUID();
    const linked = await h.services.tasks.linkSession(t.tenantId, task.id, sessionId);
    expect(linked).toMatchObject({ session_id: sessionId, status: 'open' });
    const sessionId2 = crypto.randomUUID();
    // A rolled-back caller transaction leaves neither the change nor its events.
    await expect(
      h.database.db.transaction().execute(async (trx) => {
        await h.services.tasks.setStatus(t.tenantId, { kind: 'operator' }, task.id, 'completed', { session_id: sessionId2, executor: trx });
        throw new Error('session upload failed');
      }),
    ).rejects.toThrow('session upload failed');
    expect(await h.services.tasks.get(t.tenantId, task.id)).toMatchObject({ status: 'open', session_id: sessionId });
    const done = await h.services.tasks.setStatus(t.tenantId, { kind: 'operator' }, task.id, 'completed', { session_id: sessionId2 });
    expect(done).toMatchObject({ status: 'completed', session_id: sessionId2 });
    const events = await eventsOf(task.id);
    expect(events.map((e) => e.type)).toEqual(['task.created', 'task.status_changed', 'task.completed']);
    expect(events[1].data).toMatchObject({ previous_status: 'open', new_status: 'completed', session_id: sessionId2 });
    await expect(h.services.tasks.get(crypto.randomUUID(), task.id)).rejects.toMatchObject({ status: 404 });
  });
});
