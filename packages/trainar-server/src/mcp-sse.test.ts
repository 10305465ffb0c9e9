/**
 * TrainAR's documented MCP endpoint, `GET /sse` (legacy HTTP+SSE) with its `POST /messages`, driven
 * by real clients of both SDK generations, and the transport's guards: the key on every request,
 * one key per session, revocation, the session limit per key, idle close, keep-alive and the
 * DNS-rebinding checks (Host and Origin) that /mcp shares.
 */
import { request as httpRequest } from 'node:http';
import { Client as ClientV2, SSEClientTransport as SSEClientTransportV2 } from '@modelcontextprotocol/client';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport as SSEClientTransportV1 } from '@modelcontextprotocol/sdk/client/sse.js';
import { CLIENT_GENERATIONS, connectMcpSse, toolError } from '@platform/kit/testing';
import { SCOPES } from '@trainar/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from './testing/index';

const IDLE_MS = 2_000;
let h: TrainArHarness;
let t: TenantFixture;

beforeAll(async () => {
  h = await startHarness({ mcp: { maxSseSessionsPerKey: 2, sseIdleTimeoutMs: IDLE_MS, sseKeepAliveMs: 200, allowedOrigins: ['agents.example'] } });
  t = await h.createTenant('SSE Tenant');
});
afterAll(() => h?.close());

const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

/** A raw SSE stream: its response, and the events and comments read so far. */
async function openStream(key: string | null, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const res = await fetch(`${h.url}/sse`, { headers: { Accept: 'text/event-stream', ...(key ? auth(key) : {}), ...headers }, signal: abort.signal });
  const frames: string[] = [];
  let ended = false;
  const reading = (async () => {
    if (!res.ok || !res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = res.body.getReader();
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += decoder.decode(chunk.value, { stream: true });
        for (let i = buffer.indexOf('\n\n'); i !== -1; i = buffer.indexOf('\n\n')) {
          frames.push(buffer.slice(0, i));
          buffer = buffer.slice(i + 2);
        }
      }
    } catch {
      // Aborted by the test.
    }
    ended = true;
  })();
  const waitFor = async (predicate: () => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out; frames so far: ${JSON.stringify(frames)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const endpoint = async () => {
    await waitFor(() => frames.some((f) => f.startsWith('event: endpoint')));
    return (frames.find((f) => f.startsWith('event: endpoint')) as string).split('data: ')[1];
  };
  return { res, frames, endpoint, waitFor, isEnded: () => ended, close: () => abort.abort(), reading };
}

const postMessage = (endpoint: string, key: string | null, body: unknown = { jsonrpc: '2.0', id: 1, method: 'ping' }) =>
  fetch(new URL(endpoint, `${h.url}/sse`), { method: 'POST', headers: { 'Content-Type': 'application/json', ...(key ? auth(key) : {}) }, body: JSON.stringify(body) });

describe('GET /sse with real MCP clients', () => {
  it('the v1 SDK client (SSEClientTransport) lists the key’s tools and calls one', async () => {
    const { key } = await h.createKey(t.tenantId, ['read:users']);
    const client = new ClientV1({ name: 'sse-v1', version: '1.0.0' });
    await client.connect(new SSEClientTransportV1(new URL(`${h.url}/sse`), { requestInit: { headers: auth(key) } }));
    try {
      expect(client.getServerVersion()).toMatchObject({ name: 'trainar' });
      expect(client.getServerCapabilities()).toHaveProperty('tools');
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(['get_user', 'list_seats', 'list_users']);
      const res = await client.callTool({ name: 'list_users', arguments: { limit: 5 } });
      expect(res.isError).toBeFalsy();
      expect(res.structuredContent).toMatchObject({ total: 1, users: [{ id: t.adminId }] });
    } finally {
      await client.close();
    }
  });

  it('the v2 SDK client (SSEClientTransport) gets the same tools and results', async () => {
    const { key } = await h.createKey(t.tenantId, ['read:users']);
    const client = new ClientV2({ name: 'sse-v2', version: '1.0.0' });
    await client.connect(new SSEClientTransportV2(new URL(`${h.url}/sse`), { requestInit: { headers: auth(key) } }));
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name).sort()).toEqual(['get_user', 'list_seats', 'list_users']);
      const res = await client.callTool({ name: 'get_user', arguments: { user_id: t.adminId } });
      expect(res.isError).toBeFalsy();
      expect(res.structuredContent).toMatchObject({ id: t.adminId });
    } finally {
      await client.close();
    }
  });
});

for (const generation of CLIENT_GENERATIONS) {
  describe(`GET /sse error paths, ${generation} client`, () => {
    const connect = (key: string | null, headers: Record<string, string> = {}) => connectMcpSse(generation, `${h.url}/sse`, { ...(key ? auth(key) : {}), ...headers });

    it('a missing or revoked key fails the connection with 401', async () => {
      await expect(connect(null)).rejects.toThrow(/401/);
      const { key, id } = await h.createKey(t.tenantId, ['read:users']);
      await h.services.apiKeys.revoke(t.tenantId, id);
      await expect(connect(key)).rejects.toThrow(/401/);
    });

    it('a documented tool the key may not use answers a tool error naming the scope and the next step', async () => {
      // Output schemas listed: the v1 client checks every result against them, errors included.
      const client = await connect((await h.createKey(t.tenantId, ['read:users'])).key, { 'X-MCP-Output-Schemas': '1' });
      try {
        const denied = toolError(await client.callTool('invite_user', { email: 'nobody@example.com', full_name: 'No Body' }));
        expect(denied).toMatchObject({ status: 403, details: { requiredScopes: ['manage:users'] }, requestId: expect.any(String) });
        expect(denied.text).toMatch(/\nNext step: .*manage:users/);
      } finally {
        await client.close();
      }
    });

    it('an invalid field and an unknown record are tool errors with their next step', async () => {
      const client = await connect((await h.createKey(t.tenantId, SCOPES)).key, { 'X-MCP-Output-Schemas': '1' });
      try {
        const invalid = toolError(await client.callTool('invite_user', { email: 'not-an-email', full_name: 'X' }));
        expect(invalid).toMatchObject({ status: 400, code: 'BAD_REQUEST', details: { field: 'email' } });
        expect(invalid.text).toContain('Next step: fix the field "email"');
        const missing = toolError(await client.callTool('get_user', { user_id: crypto.randomUUID() }));
        expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND', requestId: expect.any(String) });
        expect(missing.text).toContain('Next step:');
        // A success still carries the REST body and passes the v1 output check.
        expect((await client.callTool('get_user', { user_id: t.adminId })).structuredContent).toMatchObject({ id: t.adminId });
      } finally {
        await client.close();
      }
    });
  });
}

describe('GET /sse stream and POST /messages', () => {
  it('streams without proxy buffering, announces a relative message URL and sends keep-alive comments', async () => {
    const { key } = await h.createKey(t.tenantId, ['read:users']);
    const stream = await openStream(key);
    try {
      expect(stream.res.status).toBe(200);
      expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(stream.res.headers.get('x-accel-buffering')).toBe('no');
      expect(stream.res.headers.get('cache-control')).toContain('no-cache');
      // Relative, so a reverse proxy that serves the app under a path prefix keeps working.
      expect(await stream.endpoint()).toMatch(/^messages\?sessionId=[0-9a-f-]{36}$/);
      await stream.waitFor(() => stream.frames.includes(': keep-alive'));
    } finally {
      stream.close();
    }
  });

  it('refuses a GET without a key or with a revoked key: 401 with the TrainAR envelope', async () => {
    const missing = await openStream(null);
    expect(missing.res.status).toBe(401);
    expect(missing.res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await missing.res.json()).toMatchObject({ error: 'UNAUTHORIZED' });
    const { key, id } = await h.createKey(t.tenantId, ['read:users']);
    await h.services.apiKeys.revoke(t.tenantId, id);
    const revoked = await openStream(key);
    expect(revoked.res.status).toBe(401);
  });

  it('every POST needs the key that opened the session; revoking it ends the session', async () => {
    const owner = await h.createKey(t.tenantId, ['read:users']);
    const other = await h.createKey(t.tenantId, ['read:users']);
    const stream = await openStream(owner.key);
    try {
      const endpoint = await stream.endpoint();
      expect((await postMessage(endpoint, null)).status).toBe(401);
      const foreign = await postMessage(endpoint, other.key);
      expect(foreign.status).toBe(403);
      expect((await foreign.json()).message).toContain('another key');
      expect((await postMessage('messages?sessionId=00000000-0000-4000-8000-000000000000', owner.key)).status).toBe(404);
      const bad = await postMessage(endpoint, owner.key, { hello: 'world' });
      expect(bad.status).toBe(400);

      const ok = await postMessage(endpoint, owner.key, { jsonrpc: '2.0', id: 7, method: 'ping' });
      expect(ok.status).toBe(202);
      await stream.waitFor(() => stream.frames.some((f) => f.includes('"id":7')));

      await h.services.apiKeys.revoke(t.tenantId, owner.id);
      expect((await postMessage(endpoint, owner.key)).status).toBe(401);
      await stream.waitFor(stream.isEnded);
    } finally {
      stream.close();
    }
  });

  it('limits open sessions per key (429 naming the limit) and frees a slot when a client disconnects', async () => {
    const { key } = await h.createKey(t.tenantId, ['read:users']);
    const first = await openStream(key);
    const second = await openStream(key);
    await first.endpoint();
    await second.endpoint();
    const third = await openStream(key);
    expect(third.res.status).toBe(429);
    const body = await third.res.json();
    expect(body).toMatchObject({ error: 'RATE_LIMITED' });
    expect(body.message).toContain('2 open SSE sessions');
    // Another key of the same tenant has its own allowance.
    const otherKey = await openStream((await h.createKey(t.tenantId, ['read:users'])).key);
    expect(otherKey.res.status).toBe(200);
    otherKey.close();

    first.close();
    const deadline = Date.now() + 10_000;
    let again = await openStream(key);
    while (again.res.status === 429 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      again = await openStream(key);
    }
    expect(again.res.status).toBe(200);
    again.close();
    second.close();
  });

  it(`closes a session idle for the configured time (${IDLE_MS} ms here; 15 min by default)`, async () => {
    const { key } = await h.createKey(t.tenantId, ['read:users']);
    const stream = await openStream(key);
    const endpoint = await stream.endpoint();
    const opened = Date.now();
    await stream.waitFor(stream.isEnded, IDLE_MS + 10_000);
    expect(Date.now() - opened).toBeGreaterThanOrEqual(IDLE_MS - 100);
    expect((await postMessage(endpoint, key)).status).toBe(404);
  });
});

describe('DNS-rebinding protection on /sse, /messages and /mcp', () => {
  it('refuses a browser Origin that is not allowed, accepts loopback and configured origins', async () => {
    const { key } = await h.createKey(t.tenantId, ['read:users']);
    const evil = await openStream(key, { Origin: 'http://evil.example' });
    expect(evil.res.status).toBe(403);
    expect((await evil.res.json()).message).toContain('Origin http://evil.example is not allowed');
    const mcp = await fetch(`${h.url}/mcp`, { method: 'POST', headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json', ...auth(key) }, body: '{}' });
    expect(mcp.status).toBe(403);
    for (const origin of ['http://localhost:5173', 'https://agents.example']) {
      const allowed = await openStream(key, { Origin: origin });
      expect(allowed.res.status, origin).toBe(200);
      allowed.close();
    }
  });

  it('refuses a Host that is neither loopback nor the public URL', async () => {
    const status = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const url = new URL(`${h.url}/sse`);
        const req = httpRequest({ host: url.hostname, port: url.port, path: '/sse', headers: { Host: host } }, (res) => {
          let body = '';
          res.on('data', (d) => {
            body += d;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const rebound = await status('attacker.example:3100');
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('TRAINAR_MCP_ALLOWED_HOSTS');
    // A loopback Host passes the guard and reaches authentication.
    expect((await status('localhost:3100')).status).toBe(401);
  });
});
