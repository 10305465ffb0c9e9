/**
 * @module One process per embedded data directory. PGlite has no cross-process lock, and two
 * processes on one directory corrupt it, so every app (and trainar-admin's direct mode) takes this
 * lock before opening its database.
 *
 * The lock is a listening local socket whose address is derived from the directory's real path:
 * on Linux an abstract Unix socket, on Windows a named pipe. The kernel frees both the moment the
 * holder exits, kill -9 included, so a stale lock cannot exist and taking it is atomic. Elsewhere
 * (macOS) a socket file in the temp directory: a holder that died leaves the file but refuses
 * connections, which marks it stale. The socket answers each connection with the holder's pid
 * and role (never a secret: any local user may connect).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DataDirHolder {
  pid: number;
  /** What holds it, e.g. `opentrain`, `trainar`, `trainar-admin`. */
  role: string;
}

export interface DataDirLock {
  dir: string;
  release(): Promise<void>;
}

export class DataDirBusyError extends Error {
  readonly code = 'DATA_DIR_BUSY';
  constructor(
    readonly dir: string,
    readonly holder: DataDirHolder | null,
  ) {
    const who = holder ? `${holder.role} (process ${holder.pid})` : 'another process';
    super(
      `The data directory ${dir} is in use by ${who}. An embedded database admits one process at a time: ` +
        'stop that process, use another DATA_DIR, or set DATABASE_URL (PostgreSQL) to run several instances.',
    );
    this.name = 'DataDirBusyError';
  }
}

function lockAddress(dir: string): string {
  const key = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  if (process.platform === 'linux') return `\0agent-platforms-data-dir-${key}`;
  if (process.platform === 'win32') return `\\\\.\\pipe\\agent-platforms-data-dir-${key}`;
  return join(tmpdir(), `agent-platforms-${key}.sock`);
}

const usesSocketFile = () => process.platform !== 'linux' && process.platform !== 'win32';

function listenOn(address: string, holder: DataDirHolder): Promise<net.Server | 'busy'> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      socket.end(JSON.stringify(holder));
    });
    server.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve('busy') : reject(err)));
    server.listen(address, () => {
      // The lock must not keep an otherwise finished process alive.
      server.unref();
      resolve(server);
    });
  });
}

/** Asks the holder who it is; null when nobody answers (a stale socket file). */
function askHolder(address: string): Promise<DataDirHolder | 'stale' | null> {
  return new Promise((resolve) => {
    const socket = net.connect(address);
    let text = '';
    const done = (value: DataDirHolder | 'stale' | null) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(1000, () => done(null));
    socket.on('data', (chunk) => {
      text += chunk.toString('utf8');
    });
    socket.on('end', () => {
      try {
        const parsed = JSON.parse(text) as DataDirHolder;
        done(typeof parsed.pid === 'number' ? { pid: parsed.pid, role: String(parsed.role) } : null);
      } catch {
        done(null);
      }
    });
    socket.on('error', (err: NodeJS.ErrnoException) => done(err.code === 'ECONNREFUSED' || err.code === 'ENOENT' ? 'stale' : null));
  });
}

/** Takes the lock now, or reports who holds it. */
export async function tryLockDataDir(dir: string, role: string): Promise<DataDirLock | { holder: DataDirHolder | null }> {
  mkdirSync(dir, { recursive: true });
  const address = lockAddress(dir);
  for (let attempt = 0; attempt < 2; attempt++) {
    const server = await listenOn(address, { pid: process.pid, role });
    if (server !== 'busy') {
      let released = false;
      return {
        dir,
        release: () =>
          new Promise<void>((resolve) => {
            if (released) return resolve();
            released = true;
            server.close(() => resolve());
          }),
      };
    }
    const holder = await askHolder(address);
    if (holder !== 'stale') return { holder };
    if (!usesSocketFile()) return { holder: null };
    try {
      unlinkSync(address); // left by a holder that died
    } catch {
      // another process removed it first
    }
  }
  return { holder: null };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Takes the lock, or throws DataDirBusyError at once, except while the holder is one of
 * `waitFor` roles (a short operator command): then it retries for up to `waitMs`.
 */
export async function lockDataDir(dir: string, role: string, options: { waitFor?: string[]; waitMs?: number } = {}): Promise<DataDirLock> {
  const deadline = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    const result = await tryLockDataDir(dir, role);
    if ('release' in result) return result;
    const worthWaiting = result.holder && options.waitFor?.includes(result.holder.role);
    if (!worthWaiting || Date.now() >= deadline) throw new DataDirBusyError(dir, result.holder);
    await sleep(100);
  }
}
