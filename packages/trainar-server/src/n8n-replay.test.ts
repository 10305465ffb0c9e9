/**
 * Replays the exact HTTP requests the public n8n TrainAR node (Train-AR/n8n-nodes-trainar v1.0.4,
 * nodes/Trainar/Trainar.node.ts and credentials/TrainarApi.credentials.ts) sends, and checks the
 * responses the way the node reads them. The node's declarative routing sends
 * `Content-Type: application/json` on every request (GETs included) and every create-form field,
 * empty ones as "". List responses are read as `Array.isArray(r) ? r : r.tasks ?? []` (or
 * `r.users`), items by `id ?? task_id`, `title`, `email`, `full_name`.
 *
 * Table of cases, run in order against one tenant; a case may keep ids in `state` for later ones.
 * Other modules append their cases (skill execute, webhook subscribe / check / delete) to CASES.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness, uniqueEmail } from './testing/index';

interface N8nRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path after /v1 with the query string exactly as the node builds it. */
  url: string;
  body?: Record<string, unknown>;
}

interface N8nResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: the node reads arbitrary JSON.
  body: any;
}

interface ReplayContext {
  tenant: TenantFixture;
  state: Record<string, string>;
}

interface N8nReplayCase {
  /** The node's resource and operation (or the method that sends it). */
  name: string;
  /** The scopes the node's credential description asks for this operation. */
  scopes: string[];
  request(ctx: ReplayContext): N8nRequest;
  check(res: N8nResponse, ctx: ReplayContext): void;
}

/** How the node reads a list response: a bare array or the `{<key>: [...]}` envelope. */
// biome-ignore lint/suspicious/noExplicitAny: mirrors the node's untyped read.
const nodeList = (body: any, key: string): any[] => (Array.isArray(body) ? body : (body?.[key] ?? []));

const CASES: N8nReplayCase[] = [
  {
    name: 'credential test (GET /api-tenant-users, qs limit "1")',
    scopes: ['read:users'],
    request: () => ({ method: 'GET', url: '/api-tenant-users?limit=1' }),
    check: (res, { tenant }) => {
      expect(res.status).toBe(200);
      expect(nodeList(res.body, 'users')).toEqual([expect.objectContaining({ id: tenant.adminId, email: tenant.adminEmail, full_name: expect.any(String) })]);
    },
  },
  {
    name: 'user: invite ({email, full_name, roles:["admin"]})',
    scopes: ['manage:users'],
    request: (ctx) => {
      ctx.state.inviteEmail = uniqueEmail('n8n');
      return { method: 'POST', url: '/api-tenant-users', body: { email: ctx.state.inviteEmail, full_name: 'Nadia Node', roles: ['admin'] } };
    },
    check: (res, ctx) => {
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ id: expect.any(String), email: ctx.state.inviteEmail, full_name: 'Nadia Node', roles: ['admin'] });
      ctx.state.invitedId = res.body.id;
    },
  },
  {
    name: 'user: find, and the getUsers option loader (qs limit 50)',
    scopes: ['read:users'],
    request: () => ({ method: 'GET', url: '/api-tenant-users?limit=50' }),
    check: (res, ctx) => {
      expect(res.status).toBe(200);
      const options = nodeList(res.body, 'users').map((u) => ({ name: u.full_name ? `${u.full_name} (${u.email})` : u.email, value: u.id }));
      expect(options).toContainEqual({ name: `Nadia Node (${ctx.state.inviteEmail})`, value: ctx.state.invitedId });
    },
  },
  {
    name: 'task: create with an assignee picked from getUsers, other fields left empty',
    scopes: ['write:tasks'],
    request: (ctx) => ({
      method: 'POST',
      url: '/api-tenant-tasks',
      body: { title: 'Service the chiller', description: '', priority: 'high', assigned_to: ctx.state.invitedId, external_id: '' },
    }),
    check: (res, ctx) => {
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ title: 'Service the chiller', status: 'open', source: 'api', priority: 'high', description: null, external_id: null });
      expect(res.body.assigned_to).toEqual({ user_id: ctx.state.invitedId, name: 'Nadia Node' });
      ctx.state.taskId = res.body.id;
    },
  },
  {
    name: 'task: create with the form defaults (priority medium, no assignee) and an external id',
    scopes: ['write:tasks'],
    request: () => ({ method: 'POST', url: '/api-tenant-tasks', body: { title: 'Safety walk', description: 'Floor 2', priority: 'medium', assigned_to: '', external_id: 'JOB-4921' } }),
    check: (res, ctx) => {
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'open', source: 'api', priority: 'medium', assigned_to: null, external_id: 'JOB-4921', completed_at: null });
      ctx.state.secondTaskId = res.body.id;
    },
  },
  {
    name: 'task: the getTasks list search (qs limit 100) for the Task ID picker',
    scopes: ['read:tasks'],
    request: () => ({ method: 'GET', url: '/api-tenant-tasks?limit=100' }),
    check: (res, ctx) => {
      expect(res.status).toBe(200);
      const results = nodeList(res.body, 'tasks').map((t) => ({ name: t.title ?? 'Untitled', value: t.id ?? t.task_id }));
      expect(results).toEqual([
        { name: 'Safety walk', value: ctx.state.secondTaskId },
        { name: 'Service the chiller', value: ctx.state.taskId },
      ]);
    },
  },
  {
    name: 'task: update status to in_progress (PATCH ?task_id= with {status})',
    scopes: ['write:tasks'],
    request: (ctx) => ({ method: 'PATCH', url: `/api-tenant-tasks?task_id=${ctx.state.taskId}`, body: { status: 'in_progress' } }),
    check: (res, ctx) => {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: ctx.state.taskId, status: 'in_progress', completed_at: null });
    },
  },
  {
    name: 'task: update status to completed',
    scopes: ['write:tasks'],
    request: (ctx) => ({ method: 'PATCH', url: `/api-tenant-tasks?task_id=${ctx.state.taskId}`, body: { status: 'completed' } }),
    check: (res) => {
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('completed');
      expect(Date.parse(res.body.completed_at)).not.toBeNaN();
    },
  },
  {
    name: 'task: update status of an unknown task is a 404 the node shows as an error',
    scopes: ['write:tasks'],
    request: () => ({ method: 'PATCH', url: `/api-tenant-tasks?task_id=${crypto.randomUUID()}`, body: { status: 'cancelled' } }),
    check: (res) => {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: 'NOT_FOUND', message: expect.stringContaining('list_tasks') });
    },
  },
  {
    name: 'task: find (qs limit 1); the node filters titles client-side',
    scopes: ['read:tasks'],
    request: () => ({ method: 'GET', url: '/api-tenant-tasks?limit=1' }),
    check: (res, ctx) => {
      expect(res.status).toBe(200);
      const tasks = nodeList(res.body, 'tasks');
      expect(tasks.map((t) => t.id)).toEqual([ctx.state.secondTaskId]);
      expect(tasks.filter((t) => (t.title ?? '').toLowerCase().includes('safety'))).toHaveLength(1);
    },
  },
];

let h: TrainArHarness;
const ctx = { state: {} } as ReplayContext;

beforeAll(async () => {
  h = await startHarness();
  ctx.tenant = await h.createTenant('n8n Replay Ltd');
});
afterAll(() => h?.close());

/** Sends a request as the node does: JSON content type on every request, Bearer key, body as JSON. */
async function sendAsN8n(request: N8nRequest, key: string): Promise<N8nResponse> {
  const res = await fetch(`${h.url}/v1${request.url}`, {
    method: request.method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${key}` },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe('the n8n TrainAR node, replayed', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, replay) => {
    h.clock.advance(1000); // the node's requests are seconds apart, so "newest first" is well defined
    const key = (await h.createKey(ctx.tenant.tenantId, replay.scopes, `n8n ${replay.name.slice(0, 40)}`)).key;
    const res = await sendAsN8n(replay.request(ctx), key);
    replay.check(res, ctx);
  });
});
