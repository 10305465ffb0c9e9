/**
 * The stdio protocol surface of the built bundle: both protocol eras, stdout carrying only
 * protocol, no network I/O before the handshake, a clean exit when stdin closes (after answering
 * everything it read), and tool selection flags.
 */
import { createServer, type Server } from 'node:net';
import { toolError } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOLSETS } from '../src/server';
import { buildBundle, connectStdio, freshConfigHome, initializedLine, initializeLine, rpc, runRaw, serverEnv } from './helpers';

let bundle: string;
let listener: Server;
let connections = 0;
let deadUrl: string;

beforeAll(async () => {
  bundle = buildBundle();
  // Records every TCP connection: the server must not open one before a tool call needs it.
  listener = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  const address = listener.address() as { port: number };
  deadUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(() => new Promise<void>((r) => listener.close(() => r())));

const ALL = Object.values(TOOLSETS).flat();

describe('protocol eras', () => {
  for (const version of ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25']) {
    it(`answers initialize with ${version} and lists tools, stdout carrying only JSON-RPC`, async () => {
      const run = await runRaw(process.execPath, [bundle], {
        env: serverEnv(freshConfigHome(), { OPENTRAIN_API_BASE_URL: deadUrl }),
        input: [initializeLine(version), initializedLine(), rpc(2, 'tools/list'), ''].join('\n'),
      });
      expect(run.code).toBe(0);
      // runRaw parsed every stdout line as JSON already; each must be a JSON-RPC 2.0 message.
      for (const m of run.messages) expect(m.jsonrpc).toBe('2.0');
      const init = run.messages.find((m) => m.id === 1);
      expect(init?.result).toMatchObject({
        protocolVersion: version,
        serverInfo: { name: 'opentrain' },
        capabilities: { tools: {} },
      });
      const list = run.messages.find((m) => m.id === 2);
      expect(list?.result.tools.length).toBeGreaterThan(0);
    });
  }

  it('serves the 2026-07-28 era to the official SDK client (auto negotiation)', async () => {
    const { client, close } = await connectStdio(bundle, serverEnv(freshConfigHome(), { OPENTRAIN_API_BASE_URL: deadUrl }), { mode: 'auto' });
    try {
      expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
      expect(client.getServerVersion()?.name).toBe('opentrain');
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('opentrain_register_agent');
    } finally {
      await close();
    }
  });

  it('serves the 2025 era to the official SDK client (initialize)', async () => {
    const { client, close } = await connectStdio(bundle, serverEnv(freshConfigHome(), { OPENTRAIN_API_BASE_URL: deadUrl }), { mode: 'legacy' });
    try {
      expect(client.getNegotiatedProtocolVersion()).toMatch(/^2025-/);
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('opentrain_register_agent');
    } finally {
      await close();
    }
  });
});

describe('process behaviour', () => {
  it('opens no network connection before a tool call, and exits when stdin closes', async () => {
    const before = connections;
    const run = await runRaw(process.execPath, [bundle], {
      env: serverEnv(freshConfigHome(), {
        OPENTRAIN_API_BASE_URL: deadUrl,
        OPENTRAIN_PERSONAL_API_TOKEN: 'ot_pat_unused',
      }),
      input: [initializeLine(), initializedLine(), rpc(2, 'tools/list'), rpc(3, 'ping'), ''].join('\n'),
    });
    expect(run.code).toBe(0);
    expect(run.messages.map((m) => m.id)).toEqual([1, 2, 3]);
    expect(connections).toBe(before);
  });

  it('exits promptly on stdin EOF with nothing sent', async () => {
    const run = await runRaw(process.execPath, [bundle], {
      env: serverEnv(freshConfigHome()),
      input: '',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('answers a tool call still in flight when stdin closes (error result, not a dropped request)', async () => {
    // A port nobody listens on: the call fails with ECONNREFUSED after the client's retries.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const run = await runRaw(process.execPath, [bundle], {
      env: serverEnv(freshConfigHome(), {
        OPENTRAIN_API_BASE_URL: `http://127.0.0.1:${port}`,
        OPENTRAIN_PERSONAL_API_TOKEN: 'ot_pat_x',
      }),
      input: [initializeLine(), initializedLine(), rpc(2, 'tools/call', { name: 'opentrain_auth_status', arguments: {} }), ''].join('\n'),
    });
    expect(run.code).toBe(0);
    const call = run.messages.find((m) => m.id === 2);
    expect(call?.result.isError).toBe(true);
    expect(toolError(call?.result)).toMatchObject({
      status: 0,
      code: 'ECONNREFUSED',
      message: expect.stringContaining(`127.0.0.1:${port}`),
    });
  });

  it('prints --help on stderr, leaving stdout empty', async () => {
    const run = await runRaw(process.execPath, [bundle, '--help'], {
      env: serverEnv(freshConfigHome()),
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--read-only');
  });

  it('refuses an unknown toolset or tool name with exit code 2 and a message on stderr', async () => {
    const bad = await runRaw(process.execPath, [bundle, '--toolsets', 'jobs,nope'], { env: serverEnv(freshConfigHome()), input: '' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('Unknown toolset(s): nope');
    const badTool = await runRaw(process.execPath, [bundle], {
      env: serverEnv(freshConfigHome(), {
        OPENTRAIN_EXCLUDE_TOOLS: 'opentrain_nope',
      }),
      input: '',
    });
    expect(badTool.code).toBe(2);
    expect(badTool.stderr).toContain('opentrain_nope');
  });
});

describe('tool selection', () => {
  const listed = async (args: string[], env: Record<string, string> = {}) => {
    const run = await runRaw(process.execPath, [bundle, ...args], {
      env: serverEnv(freshConfigHome(), {
        OPENTRAIN_API_BASE_URL: deadUrl,
        ...env,
      }),
      input: [initializeLine(), initializedLine(), rpc(2, 'tools/list'), ''].join('\n'),
    });
    const tools = run.messages.find((m) => m.id === 2)?.result.tools as Array<{
      name: string;
      annotations: { readOnlyHint: boolean };
    }>;
    return tools;
  };

  it('--toolsets limits tools to the named groups (flag and OPENTRAIN_TOOLSETS)', async () => {
    const flag = await listed(['--toolsets', 'tokens,auth']);
    const names = flag.map((t) => t.name).sort();
    const available = new Set((await listed([])).map((t) => t.name));
    expect(names).toEqual([...TOOLSETS.tokens, ...TOOLSETS.auth].filter((n) => available.has(n)).sort());
    const env = await listed([], { OPENTRAIN_TOOLSETS: 'tokens,auth' });
    expect(env.map((t) => t.name).sort()).toEqual(names);
  });

  it('--tools adds single tools, --exclude-tools removes them; flags win over env', async () => {
    const tools = await listed(['--tools=opentrain_auth_status,opentrain_list_tokens']);
    expect(tools.map((t) => t.name).sort()).toEqual(['opentrain_auth_status', 'opentrain_list_tokens']);
    const mixed = await listed(['--toolsets', 'tokens', '--tools', 'opentrain_auth_status'], { OPENTRAIN_TOOLSETS: 'auth' });
    expect(mixed.map((t) => t.name).sort()).toEqual(['opentrain_auth_status', 'opentrain_list_tokens', 'opentrain_revoke_token']);
    const excluded = await listed(['--exclude-tools', 'opentrain_revoke_token']);
    expect(excluded.map((t) => t.name)).not.toContain('opentrain_revoke_token');
    expect(excluded.map((t) => t.name)).toContain('opentrain_list_tokens');
  });

  it('--read-only does not register write tools at all (flag and OPENTRAIN_READ_ONLY)', async () => {
    for (const tools of [await listed(['--read-only']), await listed([], { OPENTRAIN_READ_ONLY: 'true' })]) {
      expect(tools.length).toBeGreaterThan(0);
      for (const t of tools) expect(t.annotations.readOnlyHint, t.name).toBe(true);
      const names = tools.map((t) => t.name);
      expect(names).toContain('opentrain_auth_status');
      expect(names).not.toContain('opentrain_register_agent');
      expect(names).not.toContain('opentrain_revoke_token');
    }
    // A write tool is unknown to the server, not merely refused.
    const run = await runRaw(process.execPath, [bundle, '--read-only'], {
      env: serverEnv(freshConfigHome(), { OPENTRAIN_API_BASE_URL: deadUrl }),
      input: [
        initializeLine(),
        initializedLine(),
        rpc(2, 'tools/call', {
          name: 'opentrain_revoke_token',
          arguments: { tokenId: 'x' },
        }),
        '',
      ].join('\n'),
    });
    const res = run.messages.find((m) => m.id === 2);
    expect(res?.error ?? res?.result?.isError).toBeTruthy();
    expect(JSON.stringify(res)).toContain('opentrain_revoke_token');
  });

  it('every served tool belongs to a documented toolset', async () => {
    for (const t of await listed([])) expect(ALL, t.name).toContain(t.name);
  });
});
