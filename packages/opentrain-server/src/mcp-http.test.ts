/**
 * The hosted MCP endpoint (`/mcp`, Streamable HTTP): Bearer ot_pat_ auth, both protocol eras,
 * both client generations (v1 validates structuredContent even on errors), the same results and
 * error envelope as REST (read from the tool error's text), onboarding tools absent, unlisted
 * tools answering the claim step, and the Host/Origin guard against DNS rebinding.
 */
import { request as httpRequest } from 'node:http';
import { type AppEnv, listen, type RunningServer } from '@platform/kit';
import { Hono } from 'hono';
import { CLIENT_GENERATIONS, type ClientGeneration, connectMcpHttp, type TestMcpClient, toolError } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountHostedMcp } from './mcp-http';
import { type Harness, startHarness } from './testing/harness';

let h: Harness;
let hosted: RunningServer;
let token: string;

const JOB_TEXT =
  'We need experienced image annotation specialists to draw bounding boxes around retail products in catalog photos. The dataset has about 1,200 JPG files. Pay is $25 per hour.';

beforeAll(async () => {
  h = await startHarness({ mcp: { allowedHosts: ['opentrain.internal'], allowedOrigins: ['agents.example'] } });
  // A standalone app with only /mcp mounted proves the module on its own (the full app is tested below).
  const app = new Hono<AppEnv>();
  mountHostedMcp(app, h.server.extra.publicApi, { logger: h.services.logger, publicUrl: () => 'https://train.example', allowList: { allowedHosts: [], allowedOrigins: [] } });
  hosted = await listen(app, { port: 0 });
  token = (await h.registerAgent({ agent_name: 'Hosted MCP agent' })).access_token;
});

afterAll(async () => {
  await hosted?.close();
  await h?.close();
});

const connect = (generation: ClientGeneration, base: string, bearer: string, mode: 'legacy' | 'auto' = 'legacy') =>
  connectMcpHttp(generation, `${base}/mcp`, { Authorization: `Bearer ${bearer}` }, { mode });

async function exercise(client: TestMcpClient) {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  expect(names).toContain('opentrain_auth_status');
  expect(names).toContain('opentrain_list_tokens');
  // Onboarding tools write local files: stdio only. Claim-only scopes are not listed pre-claim.
  expect(names).not.toContain('opentrain_register_agent');
  expect(names).not.toContain('opentrain_claim_status');
  expect(names).not.toContain('opentrain_invite_team_member');
  for (const tool of tools) {
    expect(tool.description, tool.name).toBeTruthy();
    expect(tool.outputSchema, `${tool.name}: output schemas are opt-in`).toBeUndefined();
    expect(tool.annotations, tool.name).toMatchObject({
      readOnlyHint: expect.any(Boolean),
      destructiveHint: expect.any(Boolean),
    });
  }

  const me = await client.callTool('opentrain_auth_status');
  expect(me.isError).toBeFalsy();
  const rest = await h.api('/auth/me', { token });
  expect(me.structuredContent).toEqual(rest.body);
  expect((me.content as Array<{ text: string }>)[0].text).toContain('opentrain_claim_account');

  const missing = toolError(await client.callTool('opentrain_revoke_token', { tokenId: 'tok_does_not_exist' }));
  expect(missing).toMatchObject({ status: 404, code: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
  expect(missing.text).toMatch(/^Error \(HTTP 404 /);
}

for (const generation of CLIENT_GENERATIONS) {
  describe(`hosted MCP error paths, ${generation} client`, () => {
    it('a documented tool the token may not use answers the claim step (not "Tool not found")', async () => {
      const client = await connect(generation, hosted.url, token);
      try {
        const denied = toolError(await client.callTool('opentrain_invite_team_member', { email: 'mate@example.com' }));
        expect(denied).toMatchObject({ status: 403, details: { reason: 'account_claim_required', claimUrl: expect.stringContaining('/claim') } });
        expect(denied.text).toContain('Next step: Ask the human for their email and call opentrain_claim_account');
      } finally {
        await client.close();
      }
    });

    it('invalid field, conflict and unknown tool', async () => {
      const client = await connect(generation, hosted.url, token);
      try {
        const draft = await client.callTool('opentrain_create_job_draft', { jobDescription: JOB_TEXT });
        expect(draft.isError, JSON.stringify(draft.content)).toBeFalsy();
        const jobId = draft.structuredContent.jobId as string;
        const invalid = toolError(await client.callTool('opentrain_update_job_draft_fields', { jobId, fields: { headcount: -3 } }));
        expect(invalid).toMatchObject({ status: 400, details: { field: expect.stringContaining('headcount') } });
        const conflict = toolError(await client.callTool('opentrain_update_published_job', { jobId, fields: { workloadDesc: 'More' } }));
        expect(conflict).toMatchObject({ status: 409, details: { status: 'DRAFT' } });
        await expect(client.callTool('opentrain_no_such_tool')).rejects.toThrow(/not found/);
      } finally {
        await client.close();
      }
    });
  });
}

describe('hosted MCP at /mcp (mountHostedMcp on a standalone Hono app)', () => {
  it('refuses a request without a valid bearer token with 401 and WWW-Authenticate', async () => {
    for (const auth of [undefined, 'Bearer ot_pat_not_a_real_token']) {
      const res = await fetch(`${hosted.url}/mcp`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          ...(auth ? { Authorization: auth } : {}),
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('WWW-Authenticate')).toContain('Bearer');
      expect(await res.json()).toMatchObject({
        code: expect.any(String),
        requestId: expect.any(String),
      });
    }
  });

  for (const generation of CLIENT_GENERATIONS) {
    it(`serves the tools on the 2025 era (initialize), ${generation} client`, async () => {
      const client = await connect(generation, hosted.url, token, 'legacy');
      try {
        await exercise(client);
      } finally {
        await client.close();
      }
    });
  }

  it('serves the tools on the 2026-07-28 era', async () => {
    const client = await connect('v2', hosted.url, token, 'auto');
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  });
});

describe('hosted MCP wired into the OpenTrain app ', () => {
  it('answers at the app URL /mcp', async () => {
    const probe = await fetch(`${h.url}/mcp`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
      },
      body: '{}',
    });
    expect(probe.status, 'src/app.ts does not mount /mcp yet').toBe(401);
    const client = await connect('v1', h.url, token, 'legacy');
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  });
});

/** A raw POST /mcp with a chosen Host header (fetch may not set Host). */
function postWithHost(base: string, host: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${base}/mcp`);
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: '/mcp', method: 'POST', headers: { Host: host, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('hosted MCP DNS-rebinding protection (Host and Origin allow-lists)', () => {
  it('refuses a browser Origin from another site with 403 naming the setting, even with a valid token', async () => {
    const res = await fetch(`${h.url}/mcp`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(res.status).toBe(403);
    const body = await res.json();
    expect(body).toMatchObject({ details: { field: 'Origin' }, requestId: expect.any(String) });
    expect(body.error).toContain('OPENTRAIN_MCP_ALLOWED_ORIGINS');
  });

  it('serves a loopback Origin and a configured one (OPENTRAIN_MCP_ALLOWED_ORIGINS)', async () => {
    for (const origin of ['http://localhost:5173', 'https://agents.example']) {
      const client = await connectMcpHttp('v1', `${h.url}/mcp`, { Authorization: `Bearer ${token}`, Origin: origin });
      try {
        expect((await client.listTools()).tools.length, origin).toBeGreaterThan(10);
      } finally {
        await client.close();
      }
    }
  });

  it('refuses a Host that is neither loopback, the public URL nor configured; the others reach authentication', async () => {
    const rebound = await postWithHost(h.url, 'attacker.example:3000');
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ details: { field: 'Host' } });
    expect(rebound.body).toContain('OPENTRAIN_PUBLIC_URL');
    // Past the guard a request without a token is a 401: loopback and the configured name.
    expect((await postWithHost(h.url, 'localhost:3000')).status).toBe(401);
    expect((await postWithHost(h.url, 'opentrain.internal')).status).toBe(401);
    // Behind a reverse proxy: the public URL's hostname passes (the standalone app's is train.example).
    expect((await postWithHost(hosted.url, 'train.example')).status).toBe(401);
    expect((await postWithHost(hosted.url, 'train.example', { Authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await postWithHost(hosted.url, 'opentrain.internal')).status).toBe(403);
  });
});
