/**
 * @module How trainar-admin finds a running app: `DATA_DIR/trainar.runtime.json` (mode 0600), written
 * by the app once it listens on the embedded database (pid, loopback URL, operator secret) and
 * removed when it stops. Exclusivity is not this file's job: the kit's data-directory lock
 * (`lockDataDir`) admits one process per directory. See docs/trainar-core.md "Operator CLI".
 */
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RuntimeInfo {
  pid: number;
  /** The app's loopback URL. */
  url: string;
  /** Operator secret for POST /_admin/commands/*. */
  secret: string;
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

/** The running app's entry, or null when there is none (or its process is gone). */
export function readRuntimeFile(dataDir: string): RuntimeInfo | null {
  try {
    const info = JSON.parse(readFileSync(runtimeFilePath(dataDir), 'utf8')) as RuntimeInfo;
    return typeof info.pid === 'number' && typeof info.url === 'string' && typeof info.secret === 'string' && isProcessAlive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

/** Publishes the app's URL and secret (atomically, readable by the owner only). */
export function writeRuntimeFile(dataDir: string, info: Omit<RuntimeInfo, 'pid' | 'started_at'>): void {
  const path = runtimeFilePath(dataDir);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ pid: process.pid, started_at: new Date().toISOString(), ...info }), { mode: 0o600 });
  renameSync(tmp, path);
}

/** Removes the entry if this process wrote it. */
export function removeRuntimeFile(dataDir: string): void {
  const path = runtimeFilePath(dataDir);
  try {
    const current = JSON.parse(readFileSync(path, 'utf8')) as RuntimeInfo;
    if (current.pid === process.pid) unlinkSync(path);
  } catch {
    // already gone
  }
}
