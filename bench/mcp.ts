/**
 * The OpenTrain stdio MCP server (the bundle `npx` runs), measured in one run against baselines:
 * - cold start: spawn → first byte of the `initialize` response, vs a minimal server written with
 *   the official SDK (one tool, `serveStdio`) and bundled by the same build script (the issue's
 *   baseline), interleaved, medians; also vs that minimal server bundled with our start-up trims
 *   (`--trim`: no ajv, English zod messages only), to show what is left of our own start-up work;
 *   plus `npx` from the packed tarball on an empty cache (cold) and a second time (warm cache).
 * - per-call overhead: `opentrain_auth_status` through the server (JSON-RPC over stdio → HTTP →
 *   app) vs the same `GET /auth/me` made directly with fetch, against one running app.
 * - the size of `tools/list` in bytes and approximate tokens (o200k tokenizer).
 *
 * Standalone: `npx tsx bench/mcp.ts`. BENCH_MCP_STARTS (default 10), BENCH_MCP_CALLS (default 200),
 * BENCH_MCP_COLD_ONLY=1 (only the cold-start comparison: repeat it cheaply),
 * BENCH_MCP_INSTRUCTIONS=1 (also count the CPU instructions of each start under valgrind's
 * callgrind: spawn → `initialize` answered → exit, three runs each, medians. Unlike wall time, the
 * count does not move with the machine's load, so small differences are visible on a busy machine).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { startHarness } from '../packages/opentrain-server/src/testing/harness';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE_DIR = join(ROOT, 'packages/opentrain-mcp');

const INIT = `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } })}\n`;

const MINIMAL_SERVER = `
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';
serveStdio(() => {
  const server = new McpServer({ name: 'minimal', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.registerTool('echo', { description: 'Echo', inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
  return server;
});`;

/** The minimal server, bundled by packages/opentrain-mcp/scripts/build.mjs exactly like ours (`trim`: with our start-up trims too). */
function bundleMinimalServer(work: string, trim = false): string {
  const name = trim ? 'minimal-trimmed' : 'minimal';
  const entry = join(work, `${name}.ts`);
  const outfile = join(work, `${name}.js`);
  writeFileSync(entry, MINIMAL_SERVER);
  execFileSync(process.execPath, [join(PACKAGE_DIR, 'scripts/build.mjs'), '--entry', entry, '--outfile', outfile, ...(trim ? ['--trim'] : [])]);
  return outfile;
}

/** Instructions executed by `node <file>` answering one `initialize` on stdin (callgrind's total, every thread). */
function countInstructions(file: string, env: NodeJS.ProcessEnv, work: string): number {
  const out = join(work, `callgrind.${Math.random().toString(36).slice(2)}`);
  const result = spawnSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, '--smc-check=all-non-file', process.execPath, file], { input: INIT, env, encoding: 'utf8' });
  const collected = /Collected : (\d+)/.exec(result.stderr ?? '');
  if (!collected) throw new Error(`valgrind did not report a count for ${file} (is valgrind installed?): ${result.error?.message ?? result.stderr?.slice(-300)}`);
  return Number(collected[1]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Spawns a server, writes `initialize`, resolves with ms until the first stdout byte; then closes stdin. */
function timeToInitialize(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let answered = false;
    child.stdout.once('data', () => {
      answered = true;
      resolve(performance.now() - started);
      child.stdin.end();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (!answered) reject(new Error(`${command} exited with ${code} before answering initialize`));
    });
    child.stdin.write(INIT);
  });
}

/** A long-lived stdio session with request/response matching by id. */
function stdioSession(command: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command, args, {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting = new Map<number, (msg: { result?: unknown; error?: unknown }) => void>();
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let i = buffer.indexOf('\n'); i !== -1; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      const msg = JSON.parse(line);
      waiting.get(msg.id)?.(msg);
      waiting.delete(msg.id);
    }
  });
  let nextId = 10;
  return {
    request(method: string, params: Record<string, unknown> = {}) {
      const id = nextId++;
      // biome-ignore lint/suspicious/noExplicitAny: raw JSON-RPC results.
      return new Promise<{ result?: any; error?: unknown }>((resolve) => {
        waiting.set(id, resolve);
        child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
      });
    },
    notify: (method: string) => child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method, params: {} })}\n`),
    close: () =>
      new Promise<void>((r) => {
        child.on('close', () => r());
        child.stdin.end();
      }),
  };
}

export async function mcpBench() {
  const starts = Number(process.env.BENCH_MCP_STARTS ?? 10);
  const calls = Number(process.env.BENCH_MCP_CALLS ?? 200);
  const work = mkdtempSync(join(tmpdir(), 'ot-mcp-bench-'));
  const bundle = join(work, 'index.js');
  execFileSync(process.execPath, [join(PACKAGE_DIR, 'scripts/build.mjs'), '--outfile', bundle]);
  const minimalBundle = bundleMinimalServer(work);
  const trimmedBundle = bundleMinimalServer(work, true);
  const quietEnv = {
    PATH: process.env.PATH,
    HOME: work,
    XDG_CONFIG_HOME: work,
    OPENTRAIN_API_BASE_URL: 'http://127.0.0.1:9',
  };

  // Cold start, interleaved so machine load hits both equally.
  const ours: number[] = [];
  const minimal: number[] = [];
  const trimmed: number[] = [];
  for (let i = 0; i < starts; i++) {
    ours.push(await timeToInitialize(process.execPath, [bundle], quietEnv));
    minimal.push(await timeToInitialize(process.execPath, [minimalBundle], { PATH: process.env.PATH }));
    trimmed.push(await timeToInitialize(process.execPath, [trimmedBundle], { PATH: process.env.PATH }));
  }
  const coldStart = {
    coldStartMs: median(ours),
    minimalSdkColdStartMs: median(minimal),
    coldStartRatio: median(ours) / median(minimal),
    minimalTrimmedColdStartMs: median(trimmed),
    coldStartRatioVsTrimmedMinimal: median(ours) / median(trimmed),
    starts,
  };
  if (process.env.BENCH_MCP_INSTRUCTIONS === '1') {
    const empty = join(work, 'empty.js');
    writeFileSync(empty, '');
    const counts = { ours: [] as number[], minimal: [] as number[], trimmed: [] as number[], node: [] as number[] };
    for (let i = 0; i < 3; i++) {
      counts.ours.push(countInstructions(bundle, quietEnv, work));
      counts.minimal.push(countInstructions(minimalBundle, { PATH: process.env.PATH }, work));
      counts.trimmed.push(countInstructions(trimmedBundle, { PATH: process.env.PATH }, work));
      counts.node.push(countInstructions(empty, { PATH: process.env.PATH }, work));
    }
    const [ours, min, trim, node] = [median(counts.ours), median(counts.minimal), median(counts.trimmed), median(counts.node)];
    Object.assign(coldStart, {
      instructions: { ours, minimal: min, minimalTrimmed: trim, emptyNode: node },
      instructionRatio: ours / min,
      instructionRatioVsTrimmedMinimal: ours / trim,
      // Node's own start (an empty script) is common to all three: the ratio of what each server adds.
      addedInstructionRatioVsTrimmedMinimal: (ours - node) / (trim - node),
    });
  }
  if (process.env.BENCH_MCP_COLD_ONLY === '1') return { name: 'opentrain MCP (stdio bundle) cold start vs minimal SDK stdio server', ...coldStart };

  // npx from the packed tarball: empty cache (cold), then the same cache again (warm).
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: PACKAGE_DIR,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  )[0].filename as string;
  const npxArgs = ['--yes', '--offline', '--cache', join(work, 'npm-cache'), `./${packed}`];
  const npxCold = await timeToInitialize('npx', npxArgs, quietEnv, work);
  const npxWarm = await timeToInitialize('npx', npxArgs, quietEnv, work);

  // Per-call overhead against one running app.
  const h = await startHarness();
  let perCall: { toolMs: number; httpMs: number };
  let toolsListBytes = 0;
  let toolsListTokens = 0;
  let toolCount = 0;
  try {
    const token = (await h.registerAgent({ agent_name: 'Bench agent' })).access_token;
    const session = stdioSession(process.execPath, [bundle], {
      ...quietEnv,
      OPENTRAIN_API_BASE_URL: h.url,
      OPENTRAIN_PERSONAL_API_TOKEN: token,
    });
    await session.request('initialize', JSON.parse(INIT).params);
    session.notify('notifications/initialized');
    const list = await session.request('tools/list');
    const listJson = JSON.stringify(list.result);
    toolsListBytes = Buffer.byteLength(listJson);
    toolsListTokens = encode(listJson).length;
    toolCount = list.result.tools.length;

    const direct = async () => {
      const res = await fetch(`${h.url}/api/public/v1/auth/me`, {
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
        },
      });
      if (res.status !== 200) throw new Error(`direct call: ${res.status}`);
      await res.json();
    };
    const viaTool = async () => {
      const res = await session.request('tools/call', {
        name: 'opentrain_auth_status',
        arguments: {},
      });
      if (res.result?.isError) throw new Error(`tool call failed: ${JSON.stringify(res.result)}`);
    };
    for (let i = 0; i < 20; i++) {
      await direct();
      await viaTool();
    }
    let toolNs = 0;
    let httpNs = 0;
    for (let i = 0; i < calls; i++) {
      let t = performance.now();
      await viaTool();
      toolNs += performance.now() - t;
      t = performance.now();
      await direct();
      httpNs += performance.now() - t;
    }
    perCall = { toolMs: toolNs / calls, httpMs: httpNs / calls };
    await session.close();
  } finally {
    await h.close();
  }

  return {
    name: 'opentrain MCP (stdio bundle) vs minimal SDK stdio server / direct HTTP',
    ...coldStart,
    npxColdCacheMs: npxCold,
    npxWarmCacheMs: npxWarm,
    toolCallMs: perCall.toolMs,
    directHttpMs: perCall.httpMs,
    perCallOverheadMs: perCall.toolMs - perCall.httpMs,
    callRatio: perCall.toolMs / perCall.httpMs,
    tools: toolCount,
    toolsListBytes,
    toolsListTokens,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.LOG_LEVEL = 'silent';
  const result = await mcpBench();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
