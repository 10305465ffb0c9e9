/**
 * @module One process at a time on an embedded data directory. PGlite has no cross-process lock,
 * so TrainAR keeps its own: `DATA_DIR/trainar.runtime.json`, created exclusively (mode 0600) by
 * whichever process opens `DATA_DIR/trainar` — the app (role `app`, plus its URL and the operator
 * secret once listening) or trainar-admin (role `admin`, for the few seconds a command takes).
 * A holder whose pid is gone is stale and is replaced. See docs/trainar-core.md "Operator CLI".
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface RuntimeInfo {
  pid: number;
  role: 'app' | 'admin';
  /** The app's loopback URL, once it listens (app only). */
  url?: string;
  /** Operator secret for POST /_admin/commands/* (app only). */
  secret?: string;
  started_at: string;
}

export const runtimeFilePath = (dataDir: string) => join(dataDir, 'trainar.runtime.json');

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The current holder, or null when there is none (or it is stale). */
export function readRuntimeFile(dataDir: string): RuntimeInfo | null {
  const path = runtimeFilePath(dataDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const info = JSON.parse(text) as RuntimeInfo;
    return typeof info.pid === 'number' && isProcessAlive(info.pid) ? info : null;
  } catch {
    // Being written right now (created, not yet filled) unless it has been like this for a while.
    return Date.now() - statMtime(path) < 5000 ? { pid: -1, role: 'admin', started_at: '' } : null;
  }
}

function statMtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

export interface DataDirLock {
  info: RuntimeInfo;
  /** Rewrites the file atomically (the app adds its URL and secret once listening). */
  update(extra: Partial<RuntimeInfo>): void;
  release(): void;
}

/** Takes the lock now, or returns the live holder. */
export function tryLock(dataDir: string, role: RuntimeInfo['role']): DataDirLock | { holder: RuntimeInfo } {
  const path = runtimeFilePath(dataDir);
  mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    const info: RuntimeInfo = { pid: process.pid, role, started_at: new Date().toISOString() };
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(info));
      closeSync(fd);
      return makeLock(path, info);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readRuntimeFile(dataDir);
    if (holder) return { holder };
    try {
      unlinkSync(path); // stale: its process is gone
    } catch {
      // another process removed it first
    }
  }
  const holder = readRuntimeFile(dataDir);
  if (holder) return { holder };
  throw new Error(`Could not take ${path}`);
}

function makeLock(path: string, info: RuntimeInfo): DataDirLock {
  let released = false;
  return {
    info,
    update(extra) {
      Object.assign(info, extra);
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(info), { mode: 0o600 });
      renameSync(tmp, path);
    },
    release() {
      if (released) return;
      released = true;
      try {
        const current = JSON.parse(readFileSync(path, 'utf8')) as RuntimeInfo;
        if (current.pid === process.pid) unlinkSync(path);
      } catch {
        // already gone
      }
    },
  };
}

export class DataDirBusyError extends Error {
  constructor(readonly holder: RuntimeInfo) {
    super(
      `The data directory is in use by process ${holder.pid} (${holder.role === 'app' ? 'the TrainAR app' : 'trainar-admin'}). ` +
        'PGlite admits one process at a time: stop it, or use DATABASE_URL (PostgreSQL) to run several.',
    );
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits up to `waitMs` for the lock (the app waits for a running trainar-admin command to finish). */
export async function acquireLock(dataDir: string, role: RuntimeInfo['role'], waitMs: number): Promise<DataDirLock> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const result = tryLock(dataDir, role);
    if ('release' in result) return result;
    if (Date.now() >= deadline) throw new DataDirBusyError(result.holder);
    await sleep(100);
  }
}
