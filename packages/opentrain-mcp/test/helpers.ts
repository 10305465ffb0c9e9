/**
 * Test helpers: build the bundle users run (into a private temp dir), spawn it as the official SDK
 * client does, or pipe raw JSON-RPC lines into it the way the README's printf probes do.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as StdioClientTransportV1 } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { ClientGeneration } from '@platform/kit/testing';

export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = join(PACKAGE_DIR, '..', '..');

const BUNDLE_KEY = Symbol.for('opentrain-mcp.test.bundle');

/**
 * Builds the esbuild bundle into a private temp dir and returns its path (its esbuild metafile sits
 * next to it). Built once per test worker process: the sources do not change during a run, and a
 * build costs seconds of CPU that every MCP test file paid again.
 */
export function buildBundle(): string {
  const store = globalThis as { [BUNDLE_KEY]?: string };
  const built = store[BUNDLE_KEY];
  if (built && existsSync(built)) return built;
  const dir = mkdtempSync(join(tmpdir(), 'ot-mcp-bundle-'));
  const outfile = join(dir, 'index.js');
  execFileSync(process.execPath, [join(PACKAGE_DIR, 'scripts/build.mjs'), '--outfile', outfile, '--metafile', join(dir, 'meta.json')], { stdio: 'pipe' });
  store[BUNDLE_KEY] = outfile;
  return outfile;
}
/** A fresh, empty config home: the server sees no saved credentials. */
export function freshConfigHome(): string {
  return mkdtempSync(join(tmpdir(), 'ot-mcp-home-'));
}

export const credentialsFile = (configHome: string) => join(configHome, 'opentrain', 'cli.json');
export const readSaved = (configHome: string) => JSON.parse(readFileSync(credentialsFile(configHome), 'utf8')) as Record<string, string>;

/** The environment a client would give the server: nothing inherited but PATH. */
export function serverEnv(configHome: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: configHome,
    XDG_CONFIG_HOME: configHome,
    ...extra,
  };
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

/** The calls tests make; both SDK generations' clients have them. */
export type McpClientCalls = Pick<Client, 'listTools' | 'callTool' | 'close' | 'getServerVersion' | 'getNegotiatedProtocolVersion'>;

export interface SpawnedClient {
  client: McpClientCalls;
  generation: ClientGeneration;
  stderr: () => string;
  close: () => Promise<void>;
}

/** The official SDK client spawning the server over stdio. */
export async function connectStdio(
  bundle: string,
  env: Record<string, string>,
  options: { args?: string[]; mode?: 'legacy' | 'auto'; generation?: ClientGeneration } = {},
): Promise<SpawnedClient> {
  const server = { command: process.execPath, args: [bundle, ...(options.args ?? [])], env, stderr: 'pipe' as const };
  let stderr = '';
  const onData = (d: Buffer) => {
    stderr += d.toString();
  };
  if (options.generation === 'v1') {
    // The v1 client validates structuredContent against the listed output schema, even on errors.
    const transport = new StdioClientTransportV1(server);
    transport.stderr?.on('data', onData);
    const client = new ClientV1({ name: 'opentrain-mcp-test-v1', version: '1.0.0' });
    await client.connect(transport);
    return { client: client as unknown as McpClientCalls, generation: 'v1', stderr: () => stderr, close: () => client.close() };
  }
  const transport = new StdioClientTransport(server);
  transport.stderr?.on('data', onData);
  const client = new Client({ name: 'opentrain-mcp-test', version: '1.0.0' }, { versionNegotiation: { mode: options.mode ?? 'legacy' } });
  await client.connect(transport);
  return { client, generation: 'v2', stderr: () => stderr, close: () => client.close() };
}

export interface RawRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout split into lines, each parsed (throws if a line is not JSON: stdout must carry only protocol). */
  // biome-ignore lint/suspicious/noExplicitAny: raw JSON-RPC results are asserted field by field.
  messages: Array<Record<string, unknown> & { id?: number; result?: any; error?: any }>;
  ms: number;
}

/** Runs a shell command (a README probe) or a direct spawn, feeding `input` then closing stdin. */
export function runRaw(
  command: string,
  args: string[],
  options: {
    env: Record<string, string>;
    input?: string;
    cwd?: string;
    timeoutMs?: number;
    shell?: boolean;
  },
): Promise<RawRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env,
      cwd: options.cwd ?? REPO_ROOT,
      shell: options.shell ?? false,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out; stdout=${stdout} stderr=${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = stdout.split('\n').filter((l) => l.trim() !== '');
      resolve({
        code,
        signal,
        stdout,
        stderr,
        messages: lines.map((l) => JSON.parse(l)),
        ms: performance.now() - started,
      });
    });
    // A process that exits before reading its input (a usage error) closes the pipe: EPIPE here is
    // expected, and the exit code and stderr are what the test asserts.
    child.stdin.on('error', () => {});
    if (options.input !== undefined) child.stdin.end(options.input);
  });
}

export const rpc = (id: number | undefined, method: string, params: Record<string, unknown> = {}) =>
  JSON.stringify(id === undefined ? { jsonrpc: '2.0', method, params } : { jsonrpc: '2.0', id, method, params });

export const initializeLine = (protocolVersion = '2024-11-05') =>
  rpc(1, 'initialize', {
    protocolVersion,
    capabilities: {},
    clientInfo: { name: 'raw', version: '1.0' },
  });
export const initializedLine = () => rpc(undefined, 'notifications/initialized');

export function text(result: { content?: unknown }): string {
  return ((result.content as Array<{ type: string; text?: string }>) ?? []).map((c) => c.text ?? '').join('\n');
}
