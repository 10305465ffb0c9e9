/**
 * Integrations end to end on the real app, its job worker and real peers: a real OAuth 2.0 server
 * (oauth2-mock-server, PKCE verified) and a local server speaking ServiceM8's REST shape. Connect
 * through get_integration_connect_url and our callback, the first sync imports jobs as tasks
 * (task.created, engineers matched by email), re-syncs are idempotent by external id, a session on
 * an imported task posts a note back, an expiring token is refreshed, a provider outage is
 * reported and retried, and the generic provider works from configuration alone.
 */
import { waitForEventHorizon } from '@platform/kit';
import { ops } from '@trainar/api';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deviceCall, pairDevice, readTrainArEvents, startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';
import { type ApiPeer, consent, type OAuthPeer, peerSettings, startApiPeer, startOAuthPeer } from '../testing/integration-peers';

let h: TrainArHarness;
let oauth: OAuthPeer;
let api: ApiPeer;
let t: TenantFixture;
let key: string;
let engineerEmail: string;
let deviceCredential: string;

const MINUTE = 60_000;
const wait = { timeout: 30_000, interval: 100 };
const wake = () => (h.app.extra.worker as { wake(): void }).wake();
const call = (op: Parameters<TrainArHarness['callOperation']>[0], input: Record<string, unknown> = {}) => h.callOperation(op, input, key);

async function statusOf(provider: string) {
  return (await call(ops.getIntegrationStatus, { provider })).body;
}

/** Waits until a sync newer than `after` has finished. */
async function syncedAfter(provider: string, after: string | null) {
  wake();
  return vi.waitFor(async () => {
    const s = await statusOf(provider);
    if (!s.last_sync_at || s.last_sync_at === after) throw new Error('not synced yet');
    return s;
  }, wait);
}

beforeAll(async () => {
  oauth = await startOAuthPeer();
  api = await startApiPeer();
  h = await startHarness({ settings: { integrations: { ...peerSettings(oauth, api), writebackRetryScheduleMs: [MINUTE, 5 * MINUTE] }, webhookSecretKey: 'integration-test-master-key-0123456789' } });
  t = await h.createTenant('Integrated Plumbing');
  key = (await h.createKey(t.tenantId, ['read:integrations', 'manage:integrations', 'read:tasks'])).key;
  engineerEmail = `Engineer-${crypto.randomUUID().slice(0, 6)}@example.test`;
  const engineer = await h.invite(t.tenantId, 'member', engineerEmail.toLowerCase());
  const { seats } = await h.services.seats.list(t.tenantId);
  await h.services.seats.update(t.tenantId, seats[0].id, { user_id: engineer.id });

  api.staff.push({ uuid: 'staff-1', first: 'Sam', last: 'Spanner', email: engineerEmail, active: 1 }, { uuid: 'staff-2', first: 'Nobody', last: 'Here', email: 'not-a-user@example.test', active: 1 });
  api.companies.push({ uuid: 'co-1', name: 'Harbour Cafe' });
  api.jobs.push(
    { uuid: 'job-1', active: 1, status: 'Work Order', generated_job_id: '101', job_address: '1 Quay St, Bristol', job_description: 'Replace boiler pump\nCustomer reports noise', company_uuid: 'co-1' },
    { uuid: 'job-2', active: 1, status: 'Quote', generated_job_id: '102', job_address: '2 Quay St, Bristol', job_description: 'Quote for radiator valves', company_uuid: 'co-1' },
    { uuid: 'job-3', active: 1, status: 'Completed', generated_job_id: '103', job_description: 'Done already' },
  );
  api.activities.push({ uuid: 'act-1', job_uuid: 'job-1', staff_uuid: 'staff-1', active: 1, activity_was_scheduled: 1 });
}, 60_000);
afterAll(async () => {
  await h?.close();
  await api?.close();
  await oauth?.close();
});

describe('ServiceM8 integration', () => {
  it('lists the providers, and refuses a sync before connecting', async () => {
    const providers = (await call(ops.listIntegrations)).body.providers;
    expect(providers).toEqual([
      { key: 'servicem8', name: 'ServiceM8', category: 'fsm', auth: 'oauth2', mcp_enabled: true, configured: true, writeback: true },
      { key: 'acme', name: 'Acme FSM', category: 'fsm', auth: 'oauth2', mcp_enabled: false, configured: true, writeback: true },
    ]);
    expect((await call(ops.listTenantIntegrations)).body.integrations).toEqual([]);
    const res = await call(ops.triggerSync, { provider: 'servicem8' });
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('get_integration_connect_url');
    expect((await call(ops.getIntegrationConnectUrl, { provider: 'jobber' })).body.message).toContain('Unknown provider "jobber"; providers: servicem8, acme');
  });

  it('connects with OAuth 2.0 + PKCE, stores the tokens sealed, and the first sync imports open jobs as tasks', async () => {
    const created = await call(ops.getIntegrationConnectUrl, { provider: 'servicem8' });
    expect(created.status).toBe(201);
    const url = new URL(created.body.connect_url);
    expect(`${url.origin}${url.pathname}`).toBe(`${oauth.url}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: 'code', client_id: 'sm8-app-id', code_challenge_method: 'S256', redirect_uri: `${h.url}/integrations/callback` });
    expect(url.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['read_jobs', 'manage_jobs', 'read_schedule', 'publish_job_notes', 'read_staff']));

    const done = await consent(created.body.connect_url);
    expect(done.status).toBe(200);
    expect(done.text).toContain('is connected');
    expect(oauth.grants).toEqual(['authorization_code']);
    // The same link cannot be used twice.
    const again = await consent(created.body.connect_url);
    expect(again.status).toBe(400);
    expect(again.text).toContain('unknown, used or expired');

    const row = await h.database.db.selectFrom('tenant_integrations' as never).selectAll().executeTakeFirstOrThrow() as { access_token: string; refresh_token: string };
    expect(row.access_token).toMatch(/^enc:v1:/);
    expect(row.refresh_token).toMatch(/^enc:v1:/);

    const status = await syncedAfter('servicem8', null);
    expect(status).toMatchObject({ status: 'connected', last_sync_status: 'succeeded', last_sync_error: null, last_sync_summary: { jobs: 2, created: 2, updated: 0, unchanged: 0, staff: 2, staff_matched: 1 } });
    expect(new Date(status.next_sync_at).getTime() - new Date(status.last_sync_at).getTime()).toBe(15 * MINUTE);

    const tasks = (await call(ops.listTasks, { source: 'integration' })).body.tasks;
    expect(tasks.map((x: { title: string }) => x.title).sort()).toEqual(['Job 101: Replace boiler pump', 'Job 102: Quote for radiator valves']);
    const pump = tasks.find((x: { external_id: string }) => x.external_id === 'job-1');
    expect(pump).toMatchObject({ provider: 'servicem8', status: 'open', assigned_to: { name: 'Invited member' } });
    expect(pump.description).toContain('Customer: Harbour Cafe');
    expect(pump.description).toContain('Address: 1 Quay St, Bristol');

    await waitForEventHorizon(h.database.db);
    const events = (await readTrainArEvents(h.database.db, { scope: t.tenantId, limit: 100 })).events.filter((e) => e.type === 'task.created');
    expect(events.map((e) => e.payload)).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'integration', external_id: 'job-1', task_id: pump.id, assigned_to: pump.assigned_to.user_id })]));
    expect(events).toHaveLength(2);
  });

  it('re-syncs idempotently by external id: no duplicates, changed jobs update their task', async () => {
    const before = (await statusOf('servicem8')).last_sync_at;
    h.clock.advance(1000);
    expect((await call(ops.triggerSync, { provider: 'servicem8' })).status).toBe(202);
    expect((await syncedAfter('servicem8', before)).last_sync_summary).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    (api.jobs[1] as { job_description: string }).job_description = 'Quote for radiator valves and TRVs';
    const second = (await statusOf('servicem8')).last_sync_at;
    h.clock.advance(1000);
    await call(ops.triggerSync, { provider: 'servicem8' });
    expect((await syncedAfter('servicem8', second)).last_sync_summary).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const tasks = (await call(ops.listTasks, { source: 'integration' })).body.tasks;
    expect(tasks).toHaveLength(2);
    expect(tasks.map((x: { title: string }) => x.title)).toContain('Job 102: Quote for radiator valves and TRVs');
    await waitForEventHorizon(h.database.db);
    expect((await readTrainArEvents(h.database.db, { scope: t.tenantId, limit: 100 })).events.filter((e) => e.type === 'task.created')).toHaveLength(2);
  });

  it('syncs automatically on the interval (the job runner on the injected clock)', async () => {
    const s = await statusOf('servicem8');
    h.clock.advance(new Date(s.next_sync_at).getTime() - h.clock.now().getTime());
    const auto = await syncedAfter('servicem8', s.last_sync_at);
    expect(auto.last_sync_at).toBe(s.next_sync_at);
    expect(auto.last_sync_status).toBe('succeeded');
  });

  it('writes the session result back to the job as a note', async () => {
    const task = (await call(ops.listTasks, { external_id: 'job-1' })).body.tasks[0];
    deviceCredential = (await pairDevice(h, t.tenantId)).credential;
    const started = await deviceCall(h, deviceCredential, 'POST', '/v1/device/sessions', { role: 'trainee', task_id: task.id });
    expect(started.status).toBe(201);
    h.clock.advance(125_000);
    const uploaded = await deviceCall(h, deviceCredential, 'POST', `/v1/device/sessions/${started.body.id}/upload`, { score: 92, notes: 'Pump replaced, tested OK', video_url: 'https://cdn.example.test/s.mp4', complete_task: true });
    expect(uploaded.status).toBe(200);
    wake();
    const note = await vi.waitFor(() => {
      const n = api.notes.find((x) => x.related_object_uuid === 'job-1');
      if (!n) throw new Error('no note yet');
      return n as { related_object: string; note: string };
    }, wait);
    expect(note.related_object).toBe('job');
    expect(note.note).toContain('TrainAR session completed');
    expect(note.note).toContain('Score: 92%');
    expect(note.note).toContain('Duration: 2 min 5 s');
    expect(note.note).toContain('Video: https://cdn.example.test/s.mp4');
    expect(note.note).toContain(`Completed by: Invited member <${engineerEmail.toLowerCase()}>`);
    expect(note.note).toContain('Notes: Pump replaced, tested OK');
    expect(note.note).not.toContain('Summary');
    await vi.waitFor(async () => expect((await statusOf('servicem8')).writebacks).toMatchObject({ sent: 1, pending: 0, failed: 0 }), wait);
  });

  it('refreshes the access token before it expires and uses the new one', async () => {
    const tokenBefore = api.tokens.at(-1);
    h.clock.advance(57 * MINUTE); // 3600 s tokens: inside the 5-minute refresh margin now
    const before = (await statusOf('servicem8')).last_sync_at;
    await call(ops.triggerSync, { provider: 'servicem8' });
    const s = await syncedAfter('servicem8', before);
    expect(s.last_sync_status).toBe('succeeded');
    expect(oauth.grants).toContain('refresh_token');
    expect(api.tokens.at(-1)).not.toBe(tokenBefore);
    expect(new Date(s.token_expires_at).getTime()).toBeGreaterThan(h.clock.now().getTime() + 50 * MINUTE);
  });

  it('reports a provider outage on sync and on write-back, and the write-back is retried', async () => {
    api.fail = { path: 'job.json', remaining: 1 };
    const before = (await statusOf('servicem8')).last_sync_at;
    h.clock.advance(1000);
    await call(ops.triggerSync, { provider: 'servicem8' });
    const failed = await syncedAfter('servicem8', before);
    expect(failed).toMatchObject({ status: 'connected', last_sync_status: 'failed' });
    expect(failed.last_sync_error).toContain('HTTP 503');
    expect(failed.last_sync_error).toContain('trigger_sync');

    api.fail = { path: 'jobnote.json', remaining: 1 };
    const task = (await call(ops.listTasks, { external_id: 'job-2' })).body.tasks[0];
    const credential = deviceCredential;
    const started = await deviceCall(h, credential, 'POST', '/v1/device/sessions', { role: 'trainee', task_id: task.id });
    expect(started.status).toBe(201);
    await deviceCall(h, credential, 'POST', `/v1/device/sessions/${started.body.id}/upload`, { score: 40 });
    wake();
    const pending = await vi.waitFor(async () => {
      const s = await statusOf('servicem8');
      if (s.writebacks.pending !== 1 || !s.writebacks.last_error) throw new Error('not failed yet');
      return s;
    }, wait);
    expect(pending.writebacks.last_error).toContain('HTTP 503');
    expect(api.notes.filter((n) => n.related_object_uuid === 'job-2')).toHaveLength(0);

    h.clock.advance(MINUTE);
    wake();
    await vi.waitFor(async () => expect((await statusOf('servicem8')).writebacks).toMatchObject({ sent: 2, pending: 0, last_error: null }), wait);
    expect(api.notes.filter((n) => n.related_object_uuid === 'job-2')).toHaveLength(1);
  });
});

describe('ServiceM8 consent withdrawn', () => {
  it('marks the connection for reconnecting when the refresh is refused, stops auto-sync, and a reconnect recovers', async () => {
    oauth.refuseRefresh = true;
    // Read before the clock moves: the move also makes the auto-sync due, and whichever sync runs first
    // (that one or the triggered one) meets the refused refresh.
    const before = (await statusOf('servicem8')).last_sync_at;
    h.clock.advance(60 * MINUTE); // the access token is expiring: the sync must refresh
    await call(ops.triggerSync, { provider: 'servicem8' });
    const s = await syncedAfter('servicem8', before);
    expect(s).toMatchObject({ status: 'error', last_sync_status: 'failed', next_sync_at: null });
    expect(s.last_sync_error).toContain('invalid_grant');
    expect(s.last_sync_error).toContain('reconnect');

    oauth.refuseRefresh = false;
    h.clock.advance(1000);
    const { body } = await call(ops.getIntegrationConnectUrl, { provider: 'servicem8' });
    expect((await consent(body.connect_url)).status).toBe(200);
    const back = await syncedAfter('servicem8', s.last_sync_at);
    expect(back).toMatchObject({ id: s.id, status: 'connected', last_sync_status: 'succeeded', last_sync_error: null, last_sync_summary: { created: 0 } });
  });
});

describe('generic provider (configuration only)', () => {
  it('connects, imports through the field mapping, writes back to the notes URL, and disconnect revokes', async () => {
    api.genericJobs.push({ ref: 'A-77', summary: 'Service the chiller', details: 'Roof plant room', tech: { email: engineerEmail }, due: '2026-12-24T09:00:00Z' });
    const { body } = await call(ops.getIntegrationConnectUrl, { provider: 'acme' });
    expect(new URL(body.connect_url).searchParams.get('scope')).toBe('jobs:read notes:write');
    expect((await consent(body.connect_url)).status).toBe(200);
    const s = await syncedAfter('acme', null);
    expect(s.last_sync_summary).toMatchObject({ jobs: 1, created: 1 });
    const task = (await call(ops.listTasks, { external_id: 'A-77' })).body.tasks[0];
    expect(task).toMatchObject({ title: 'Service the chiller', description: 'Roof plant room', provider: 'acme', due_date: '2026-12-24T09:00:00.000Z', assigned_to: { name: 'Invited member' } });

    const started = await deviceCall(h, deviceCredential, 'POST', '/v1/device/sessions', { role: 'trainer', task_id: task.id });
    await deviceCall(h, deviceCredential, 'POST', `/v1/device/sessions/${started.body.id}/upload`, { score: 75, notes: 'Chiller serviced' });
    wake();
    const note = await vi.waitFor(() => {
      const n = api.notes.find((x) => x.path === '/generic/jobs/A-77/notes');
      if (!n) throw new Error('no note yet');
      return n as { body: { text: string } };
    }, wait);
    expect(note.body.text).toContain('Score: 75%');
    expect(note.body.text).toContain('Notes: Chiller serviced');

    const list = (await call(ops.listTenantIntegrations)).body.integrations;
    expect(list.map((i: { provider: string }) => i.provider).sort()).toEqual(['acme', 'servicem8']);

    const revokedBefore = oauth.revoked.length;
    const res = await call(ops.disconnectIntegration, { integration_id: s.id });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'disconnected', next_sync_at: null, token_expires_at: null });
    expect(oauth.revoked.length - revokedBefore).toBe(2); // refresh and access token
    expect((await call(ops.triggerSync, { provider: 'acme' })).status).toBe(409);
    expect((await call(ops.getTask, { task_id: task.id })).status).toBe(200); // imported tasks stay
  });

  it('refuses a callback for a connection a dashboard user started when that user is not signed in', async () => {
    const { connect_url } = await h.services.integrations.connectUrl(t.tenantId, { kind: 'user', userId: t.adminId }, 'acme');
    const res = await consent(connect_url);
    expect(res.status).toBe(403);
    expect(res.text).toContain('started by another dashboard user');
  });
});
