import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirBusyError, lockDataDir, tryLockDataDir } from './data-dir-lock';

const root = mkdtempSync(join(tmpdir(), 'data-dir-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const moduleUrl = new URL('./data-dir-lock.ts', import.meta.url).href;

describe('data-directory lock', () => {
  it('admits one holder, names it to the next, and is free again once released', async () => {
    const dir = join(root, 'a');
    const first = await lockDataDir(dir, 'opentrain');
    const second = await tryLockDataDir(dir, 'trainar-admin');
    expect(second).toEqual({ holder: { pid: process.pid, role: 'opentrain' } });
    const started = Date.now();
    const refused = await lockDataDir(dir, 'opentrain', { waitFor: ['trainar-admin'], waitMs: 5_000 }).catch((err) => err);
    expect(refused).toBeInstanceOf(DataDirBusyError);
    expect(Date.now() - started).toBeLessThan(2_000); // an app holder is not worth waiting for
    expect(refused.message).toContain(`in use by opentrain (process ${process.pid})`);
    // Other directories are independent.
    const other = await lockDataDir(join(root, 'b'), 'trainar');
    await other.release();
    await first.release();
    const again = await lockDataDir(dir, 'trainar');
    await again.release();
  });

  it('waits for a short operator command when asked to', async () => {
    const dir = join(root, 'c');
    const admin = await lockDataDir(dir, 'trainar-admin');
    setTimeout(() => void admin.release(), 300);
    const app = await lockDataDir(dir, 'trainar', { waitFor: ['trainar-admin'], waitMs: 5_000 });
    await app.release();
  });

  it('is free the moment its holder is killed with SIGKILL', async () => {
    const dir = join(root, 'd');
    const script = `const { lockDataDir } = await import(${JSON.stringify(moduleUrl)}); await lockDataDir(${JSON.stringify(dir)}, 'holder'); console.log('locked'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk) => String(chunk).includes('locked') && resolve());
      child.on('exit', () => reject(new Error('holder exited early')));
    });
    expect(await tryLockDataDir(dir, 'me')).toEqual({ holder: { pid: child.pid, role: 'holder' } });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const lock = await lockDataDir(dir, 'me');
    await lock.release();
  });
});
