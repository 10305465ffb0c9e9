/**
 * @module Test helpers: build the bundle once per test worker, then run `node dist/opentrain.js` as a
 * subprocess (asynchronously: the app under test runs in this process) with a private config dir.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const bundlePath = join(packageRoot, 'dist/opentrain.js');

const BUILT_KEY = Symbol.for('opentrain-cli.test.bundleBuilt');

/** Builds `dist/opentrain.js` from the sources, once per test worker process (they do not change during a run). */
export function buildBundle(): void {
  const store = globalThis as { [BUILT_KEY]?: boolean };
  if (store[BUILT_KEY] && existsSync(bundlePath)) return;
  execFileSync(process.execPath, [join(packageRoot, 'scripts/build.mjs')], {
    stdio: 'inherit',
  });
  store[BUILT_KEY] = true;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment without any OpenTrain variable of the developer running the tests. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^(OT_|OPENTRAIN_)/.test(key)) delete env[key];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** A local port nothing listens on (connections are refused). */
export function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function runOpentrain(
  args: string[],
  options: {
    env: NodeJS.ProcessEnv;
    stdin?: string;
    timeoutMs?: number;
    onStderr?: (soFar: string) => void;
  },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundlePath, ...args], {
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      options.onStderr?.(stderr);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // EPIPE when the CLI exits before reading stdin (usage errors); the exit code tells
    child.stdin.end(options.stdin ?? '');
  });
}

/** A private XDG_CONFIG_HOME; cli.json lives in `<dir>/opentrain/cli.json`. */
export function tempConfigDir(): {
  dir: string;
  credentials: string;
  cleanup(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'opentrain-cli-test-'));
  return {
    dir,
    credentials: join(dir, 'opentrain', 'cli.json'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function execFileAsync(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(file, args, { ...options, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code as number) : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}
