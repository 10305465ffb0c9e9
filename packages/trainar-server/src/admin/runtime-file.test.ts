import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireLock, DataDirBusyError, readRuntimeFile, runtimeFilePath, tryLock } from './runtime-file';

const dir = mkdtempSync(join(tmpdir(), 'trainar-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('data-directory lock', () => {
  it('admits one holder; the next sees who holds it, and gets it once released', async () => {
    const first = tryLock(dir, 'admin');
    if (!('release' in first)) throw new Error('expected the lock');
    const second = tryLock(dir, 'app');
    expect(second).toEqual({ holder: expect.objectContaining({ pid: process.pid, role: 'admin' }) });
    await expect(acquireLock(dir, 'app', 300)).rejects.toBeInstanceOf(DataDirBusyError);
    setTimeout(() => first.release(), 200);
    const app = await acquireLock(dir, 'app', 5_000);
    app.update({ url: 'http://127.0.0.1:1234', secret: 's' });
    expect(readRuntimeFile(dir)).toMatchObject({ role: 'app', url: 'http://127.0.0.1:1234' });
    app.release();
    expect(readRuntimeFile(dir)).toBeNull();
  });

  it('replaces a file whose process is gone', () => {
    writeFileSync(runtimeFilePath(dir), JSON.stringify({ pid: 2 ** 22 + 4242, role: 'app', started_at: '' }));
    const lock = tryLock(dir, 'admin');
    expect('release' in lock).toBe(true);
    if ('release' in lock) lock.release();
  });
});
