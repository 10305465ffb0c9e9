/**
 * @module Test helper: runs `npm start` as a real process (`node scripts/start.mjs`, exactly what the
 * package.json start script runs) and follows it until both apps answer /readyz, or until it exits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export interface StartedProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with both apps' URLs once each answers /readyz with 200; rejects if the process exits. */
  ready(timeoutMs?: number): Promise<{ opentrain: string; trainar: string }>;
  /** Resolves with the exit code once the process ends. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `args`: what node runs instead of `scripts/start.mjs` (a script that prints the same `OpenTrain <url>` / `TrainAR <url>` lines). */
export function startProcess(env: Record<string, string | undefined>, args: string[] = ['scripts/start.mjs']): StartedProcess {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    // Port 0: each app picks a free port and prints it.
    env: { ...process.env, OPENTRAIN_PORT: '0', TRAINAR_PORT: '0', LOG_LEVEL: 'warn', DATABASE_URL: undefined, DATA_DIR: undefined, SMTP_URL: undefined, DEV_MODE: undefined, HOST: undefined, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk) => {
    text += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    text += String(chunk);
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const ready = async (timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (exitCode !== undefined) throw new Error(`npm start exited with ${exitCode} before it was ready:\n${text}`);
      const opentrain = /^OpenTrain\s+(http:\/\/\S+)/m.exec(text)?.[1];
      const trainar = /^TrainAR\s+(http:\/\/\S+)/m.exec(text)?.[1];
      if (opentrain && trainar) {
        const answers = await Promise.all([opentrain, trainar].map((url) => fetch(`${url}/readyz`).then((r) => r.status, () => 0)));
        if (answers.every((status) => status === 200)) return { opentrain, trainar };
      }
      await sleep(100);
    }
    throw new Error(`npm start was not ready within ${timeoutMs} ms:\n${text}`);
  };
  return {
    child,
    output: () => text,
    ready,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (exitCode === undefined) child.kill(signal);
      return exited;
    },
  };
}
