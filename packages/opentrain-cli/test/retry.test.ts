/**
 * Retries of the built CLI through a small proxy in front of a running app: GETs retry on 503 and
 * on a dropped connection (3 attempts, backoff); writes are retried only when the request never
 * reached the server (connection refused), never after a 503 or a dropped connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness } from '../../opentrain-server/src/testing/harness';
import { buildBundle, cleanEnv, runOpentrain, tempConfigDir } from './helpers';

// Every step is a CLI subprocess; a loaded machine makes them slow.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

let h: Harness;
let token: string;
const config = tempConfigDir();

beforeAll(async () => {
  buildBundle();
  h = await startHarness();
  token = (await h.registerAgent({ agent_name: 'Retry agent' })).access_token;
});
afterAll(async () => {
  await h?.close();
  config.cleanup();
});

type Fault = (req: IncomingMessage, res: ServerResponse, seen: number) => boolean;

/** Forwards to the app unless `fault` handled the request; counts requests per "METHOD path". */
function proxy(fault: Fault) {
  const seen = new Map<string, number>();
  const server = createServer(async (req, res) => {
    const key = `${req.method} ${req.url}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (fault(req, res, n)) return;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k))) as Record<string, string>;
    const upstream = await fetch(`${h.url}${req.url}`, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'application/json',
    });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  return {
    seen: (key: string) => seen.get(key) ?? 0,
    listen: (port = 0) => new Promise<number>((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))),
    close: () => new Promise<void>((resolve) => (server as Server).close(() => resolve())),
  };
}

const unavailable: (times: number) => Fault = (times) => (_req, res, n) => {
  if (n > times) return false;
  res.writeHead(503, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      error: 'Service unavailable',
      code: 'SERVICE_UNAVAILABLE',
      requestId: 'req_proxy',
      details: {},
    }),
  );
  return true;
};

const run = (args: string[], baseUrl: string) =>
  runOpentrain(args, {
    env: cleanEnv({
      XDG_CONFIG_HOME: config.dir,
      OT_API_TOKEN: token,
      OT_API_BASE_URL: baseUrl,
    }),
  });

describe('retries', () => {
  it('a GET answered 503 twice succeeds on the third attempt, after backoff', async () => {
    const p = proxy(unavailable(2));
    const port = await p.listen();
    try {
      const started = Date.now();
      const res = await run(['whoami', '--json'], `http://127.0.0.1:${port}`);
      expect(res.code, res.stderr).toBe(0);
      expect(JSON.parse(res.stdout).actor.agentName).toBe('Retry agent');
      expect(p.seen('GET /api/public/v1/auth/me')).toBe(3);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400); // 500 ms + 1 s of backoff
    } finally {
      await p.close();
    }
  });

  it('a GET that keeps failing stops after 3 attempts with the server error (exit 8)', async () => {
    const p = proxy(unavailable(100));
    const port = await p.listen();
    try {
      const res = await run(['tokens', 'list'], `http://127.0.0.1:${port}`);
      expect(res.code).toBe(8);
      expect(res.stderr).toMatch(/^Error \(HTTP 503 SERVICE_UNAVAILABLE\): Service unavailable/);
      expect(p.seen('GET /api/public/v1/tokens')).toBe(3);
    } finally {
      await p.close();
    }
  });

  it('a GET whose connection drops is retried; a write whose connection drops is not', async () => {
    const drop: Fault = (req, _res, n) => {
      if (n > 1) return false;
      req.socket.destroy();
      return true;
    };
    const p = proxy(drop);
    const port = await p.listen();
    try {
      const read = await run(['tokens', 'list', '--json'], `http://127.0.0.1:${port}`);
      expect(read.code, read.stderr).toBe(0);
      expect(p.seen('GET /api/public/v1/tokens')).toBe(2);
      const write = await run(['tokens', 'revoke', 'tok_unknown'], `http://127.0.0.1:${port}`);
      expect(write.code).toBe(9);
      expect(write.stderr).toMatch(/^Error \(network \S+\): Could not reach/);
      expect(p.seen('DELETE /api/public/v1/tokens/tok_unknown')).toBe(1);
    } finally {
      await p.close();
    }
  });

  it('a write answered 503 is not retried (it may have been applied)', async () => {
    const p = proxy(unavailable(1));
    const port = await p.listen();
    try {
      const res = await run(['tokens', 'revoke', 'tok_unknown'], `http://127.0.0.1:${port}`);
      expect(res.code).toBe(8);
      expect(p.seen('DELETE /api/public/v1/tokens/tok_unknown')).toBe(1);
    } finally {
      await p.close();
    }
  });

  it('a write that never reached the server (connection refused) is retried', async () => {
    const extra = (
      await h.api('/tokens', {
        method: 'POST',
        token,
        body: { name: 'to revoke' },
      })
    ).body as { metadata: { id: string } };
    const p = proxy(() => false);
    // Reserve a free port, free it, and only start listening after the first attempt was refused.
    const port = await p.listen();
    await p.close();
    const pending = run(['tokens', 'revoke', extra.metadata.id, '--json'], `http://127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 1000));
    await p.listen(port);
    try {
      const res = await pending;
      expect(res.code, res.stderr).toBe(0);
      expect(JSON.parse(res.stdout).token).toMatchObject({
        id: extra.metadata.id,
        status: 'revoked',
      });
      expect(p.seen(`DELETE /api/public/v1/tokens/${extra.metadata.id}`)).toBe(1);
    } finally {
      await p.close();
    }
  });

  it('a write to a server that stays unreachable gives up after 3 attempts with backoff (exit 9)', async () => {
    const p = proxy(() => false);
    const port = await p.listen();
    await p.close();
    const started = Date.now();
    const res = await run(['tokens', 'revoke', 'tok_unknown'], `http://127.0.0.1:${port}`);
    expect(res.code).toBe(9);
    expect(res.stderr).toMatch(/^Error \(network ECONNREFUSED\): Could not reach/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });
});
