/**
 * The hosted MCP endpoint (`/mcp`, Streamable HTTP): Bearer ot_pat_ auth, both protocol eras,
 * the same results and error envelope as REST, onboarding tools absent.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { type AppEnv, listen, type RunningServer } from '@platform/kit';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountHostedMcp } from './mcp-http';
import { type Harness, startHarness } from './testing/harness';

let h: Harness;
let hosted: RunningServer;
let token: string;

beforeAll(async () => {
  h = await startHarness();
  // The app mounts /mcp once src/app.ts calls mountHostedMcp; this standalone app proves the module on its own.
  const app = new Hono<AppEnv>();
  mountHostedMcp(app, h.server.extra.publicApi, h.services);
  hosted = await listen(app, { port: 0 });
  token = (await h.registerAgent({ agent_name: 'Hosted MCP agent' })).access_token;
});

afterAll(async () => {
  await hosted?.close();
  await h?.close();
});

async function connect(base: string, bearer: string, mode: 'legacy' | 'auto') {
  const client = new Client({ name: 'hosted-test', version: '1.0.0' }, { versionNegotiation: { mode } });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
      requestInit: { headers: { Authorization: `Bearer ${bearer}` } },
    }),
  );
  return client;
}

async function exercise(client: Client) {
  const { tools } = await client.listTools();
  const names = tools.map((t) => t.name);
  expect(names).toContain('opentrain_auth_status');
  expect(names).toContain('opentrain_list_tokens');
  // Onboarding tools write local files: stdio only.
  expect(names).not.toContain('opentrain_register_agent');
  expect(names).not.toContain('opentrain_claim_status');
  for (const tool of tools) {
    expect(tool.description, tool.name).toBeTruthy();
    expect(tool.outputSchema, tool.name).toBeDefined();
    expect(tool.annotations, tool.name).toMatchObject({
      readOnlyHint: expect.any(Boolean),
      destructiveHint: expect.any(Boolean),
    });
  }

  const me = await client.callTool({
    name: 'opentrain_auth_status',
    arguments: {},
  });
  expect(me.isError).toBeFalsy();
  const rest = await h.api('/auth/me', { token });
  expect(me.structuredContent).toEqual(rest.body);
  expect((me.content as Array<{ text: string }>)[0].text).toContain('opentrain_claim_account');

  const missing = await client.callTool({
    name: 'opentrain_revoke_token',
    arguments: { tokenId: 'tok_does_not_exist' },
  });
  expect(missing.isError).toBe(true);
  expect(missing.structuredContent).toMatchObject({
    status: 404,
    code: expect.any(String),
    message: expect.any(String),
  });
  expect((missing.content as Array<{ text: string }>)[0].text).toMatch(/^Error \(HTTP 404 /);
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

  it('serves the tools on the 2025 era (initialize)', async () => {
    const client = await connect(hosted.url, token, 'legacy');
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  });

  it('serves the tools on the 2026-07-28 era', async () => {
    const client = await connect(hosted.url, token, 'auto');
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  });
});

describe('hosted MCP wired into the OpenTrain app (needs `mountHostedMcp(app, publicApi, services)` in src/app.ts)', () => {
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
    const client = await connect(h.url, token, 'legacy');
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  });
});
