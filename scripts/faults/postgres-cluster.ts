/**
 * @module A private PostgreSQL cluster for the restart scenario (never the machine's shared server):
 * initdb into a temporary directory owned by the `postgres` user (initdb and pg_ctl refuse root), on
 * a free loopback port, trust authentication, its socket in its own directory. PG_BIN overrides
 * where the binaries are (default: Debian's PostgreSQL 15).
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface Cluster {
  url(database: string): string;
  port: number;
  /** pg_ctl restart: `fast` (clients disconnected, clean shutdown) or `immediate` (no shutdown checkpoint: crash recovery at start). Asynchronous: the load keeps running meanwhile. */
  restart(mode: 'fast' | 'immediate'): Promise<void>;
  destroy(): void;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A PostgreSQL binary run as the postgres user (root is refused), or as ourselves when not root. */
function pgCommand(binary: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', join(PG_BIN, binary), ...args]] : [join(PG_BIN, binary), args];
}

function pgRun(binary: string, args: string[]): string {
  return execFileSync(...pgCommand(binary, args), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function clusterAvailable(): boolean {
  return existsSync(join(PG_BIN, 'initdb')) && existsSync(join(PG_BIN, 'pg_ctl'));
}

export async function startCluster(): Promise<Cluster> {
  const root = mkdtempSync(join(tmpdir(), 'faults-pg-'));
  const data = join(root, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const port = await freePort();
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=100`;
  const ctlArgs = (...args: string[]) => ['-D', data, '-l', join(root, 'server.log'), '-o', options, '-w', '-t', '60', ...args];
  const ctl = (...args: string[]) => pgRun('pg_ctl', ctlArgs(...args));
  ctl('start');
  return {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    restart: async (mode) => void (await promisify(execFile)(...pgCommand('pg_ctl', ctlArgs('restart', '-m', mode)))),
    destroy: () => {
      try {
        ctl('stop', '-m', 'immediate');
      } catch {
        // already stopped
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
