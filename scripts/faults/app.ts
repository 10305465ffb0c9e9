/**
 * @module The app under test as a real process (`npm start`: both products in one Node process, as
 * scripts/start-process.ts runs it), started on one database again and again: normally, or with
 * FAULT_KILL_AT set so the process SIGKILLs itself at a named point (packages/kit/src/faults).
 */
import { type StartedProcess, startProcess } from '../start-process';

export interface Target {
  label: string;
  /** DATABASE_URL (PostgreSQL) or DATA_DIR (embedded PGlite): the same on every start. */
  env: Record<string, string>;
}

export interface RunningApp {
  process: StartedProcess;
  opentrain: string;
  trainar: string;
}

/** Dev conveniences on (sandbox mail at /dev/mail, sandbox marketplace, loopback webhooks) on both storages. */
const BASE_ENV = {
  DEV_MODE: '1',
  ALLOW_PRIVATE_WEBHOOK_URLS: '1',
  TRAINAR_API_RATE_LIMIT: '0',
  SANDBOX_APPLY_DELAY_SECONDS: '0',
  SANDBOX_APPLICANTS_PER_JOB: '3',
  SANDBOX_POPULATION_SIZE: '40',
  LOG_LEVEL: 'error',
};

export async function startApp(target: Target, killAt?: string): Promise<RunningApp> {
  const process = startProcess({ ...BASE_ENV, ...target.env, FAULT_KILL_AT: killAt });
  try {
    const urls = await process.ready(180_000);
    return { process, ...urls };
  } catch (err) {
    await process.stop('SIGKILL');
    throw err;
  }
}

/** Waits for the process to die of the injected SIGKILL (anything else is a failure of the test). */
export async function expectKilled(app: RunningApp, point: string, timeoutMs = 120_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([app.process.exited, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    await app.process.stop('SIGKILL');
    throw new Error(`the app did not reach kill point ${point} within ${timeoutMs} ms`);
  }
  if (app.process.child.signalCode !== 'SIGKILL') throw new Error(`the app exited with ${outcome} / ${app.process.child.signalCode} instead of being killed at ${point}:\n${app.process.output().slice(-2000)}`);
}

/** A clean stop (SIGTERM): the app flushes and exits 0. */
export async function stopApp(app: RunningApp): Promise<void> {
  const code = await app.process.stop('SIGTERM');
  if (code !== 0) throw new Error(`the app exited ${code} on SIGTERM:\n${app.process.output().slice(-2000)}`);
}
