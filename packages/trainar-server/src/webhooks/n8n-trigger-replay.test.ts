/**
 * Replays the exact requests of the public n8n TrainAR Trigger node (Train-AR/n8n-nodes-trainar
 * v1.0.4, nodes/TrainarTrigger/TrainarTrigger.node.ts) and checks what it reads from the answers:
 * - create: `POST {BASE}/webhook-subscribe` JSON `{url, events, source: "n8n"}` → keeps `response.id`;
 * - checkExists: `GET {BASE}/webhook-subscribe?endpoint_id=` → `response.exists === true`; only a
 *   404 means "gone" (anything else is thrown as an error);
 * - delete: `DELETE {BASE}/webhook-subscribe?endpoint_id=&_source=n8n` (errors ignored);
 * - webhook(): flattens `body.data` and adds `_event` = body.event, `_timestamp` = body.timestamp.
 * Each request carries `Authorization: Bearer <key>` (credentials/TrainarApi.credentials.ts).
 */
import { type ReceivedRequest, startReceiver, type TestReceiver } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';
import { emitTrainArEvent } from './events';

let h: TrainArHarness;
let t: TenantFixture;
let key: string;
let n8n: TestReceiver;

/** The request n8n's httpRequestWithAuthentication sends: JSON body when given, `qs` as the query. */
async function n8nRequest(method: 'GET' | 'POST' | 'DELETE', qs: Record<string, string> = {}, body?: unknown) {
  const url = new URL(`${h.url}/v1/webhook-subscribe`);
  for (const [k, v] of Object.entries(qs)) url.searchParams.set(k, v);
  const headers: Record<string, string> = { Authorization: `Bearer ${key}`, Accept: 'application/json,text/html,application/xhtml+xml,application/xml,text/*;q=0.9, image/*;q=0.8, */*;q=0.7' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** What the node's webhook() emits as the workflow item for a delivered body. */
function n8nItem(req: ReceivedRequest) {
  const body = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
  const data = (body.data ?? body) as Record<string, unknown>;
  return { ...data, _event: body.event ?? null, _timestamp: body.timestamp ?? null };
}

beforeAll(async () => {
  h = await startHarness({ settings: { webhookUrlAllowance: 'loopback' } });
  t = await h.createTenant('n8n Trigger Tenant');
  key = (await h.createKey(t.tenantId, ['manage:webhooks'])).key;
  n8n = await startReceiver();
});
afterAll(async () => {
  await n8n?.close();
  await h?.close();
});

describe('n8n TrainAR Trigger replay', () => {
  it('create → checkExists → event delivery → delete → checkExists 404', async () => {
    const created = await n8nRequest('POST', {}, { url: `${n8n.url}/webhook/abc-123/webhook`, events: ['task.created', 'task.completed'], source: 'n8n' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), events: ['task.created', 'task.completed'], source: 'n8n' });
    const endpointId = created.body.id as string;

    const exists = await n8nRequest('GET', { endpoint_id: endpointId });
    expect(exists.status).toBe(200);
    expect(exists.body).toMatchObject({ exists: true, id: endpointId, events: ['task.created', 'task.completed'], url: `${n8n.url}/webhook/abc-123/webhook` });

    await emitTrainArEvent(h.database.db, h.clock, t.tenantId, 'task.created', { task_id: 't-1', title: 'Inspect pump', status: 'open', source: 'api', external_id: 'WO-7', assigned_to: null });
    await vi.waitFor(() => expect(n8n.received).toHaveLength(1), { timeout: 20_000, interval: 100 });
    expect(n8nItem(n8n.received[0])).toEqual({
      task_id: 't-1',
      title: 'Inspect pump',
      status: 'open',
      source: 'api',
      external_id: 'WO-7',
      assigned_to: null,
      _event: 'task.created',
      _timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });

    const deleted = await n8nRequest('DELETE', { endpoint_id: endpointId, _source: 'n8n' });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ deleted: true, id: endpointId });

    const gone = await n8nRequest('GET', { endpoint_id: endpointId });
    expect(gone.status).toBe(404); // the node's checkExists treats only 404 as "does not exist"
    expect(gone.body).toMatchObject({ error: 'NOT_FOUND' });
  });

  it('a source-scoped delete leaves endpoints of other sources alone', async () => {
    const mine = await h.services.webhooks.create(t.tenantId, { url: `${n8n.url}/dashboard-made`, events: ['session.completed'], source: 'dashboard' });
    const refused = await n8nRequest('DELETE', { endpoint_id: mine.id, _source: 'n8n' });
    expect(refused.status).toBe(404);
    expect((await n8nRequest('GET', { endpoint_id: mine.id })).body).toMatchObject({ exists: true, source: 'dashboard' });
    const unscoped = await n8nRequest('DELETE', { endpoint_id: mine.id });
    expect(unscoped.status).toBe(200);
  });

  it('a key without manage:webhooks gets 403 naming the scope (the credential hint the node shows)', async () => {
    const readOnly = (await h.createKey(t.tenantId, ['read:tasks'])).key;
    const res = await fetch(`${h.url}/v1/webhook-subscribe`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${readOnly}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ url: `${n8n.url}/x`, events: ['task.created'], source: 'n8n' }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: 'INSUFFICIENT_PERMISSIONS', message: expect.stringContaining('manage:webhooks') });
  });
});
