/**
 * trainar-admin against the same data as the app, whether or not the app is running: the real
 * binary, spawned as an operator would run it. Embedded database: directly when the app is
 * stopped, through the app's loopback endpoint when it runs. PostgreSQL: both connect.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@platform/kit';
import { createTestDatabase, testDatabaseUrl } from '@platform/kit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { startTrainAr } from '../main';
import { ADMIN_SECRET_HEADER } from './admin-endpoint';
import { runAdminCli } from './cli';
import { readRuntimeFile, runtimeFilePath } from './runtime-file';

const BIN = fileURLToPath(new URL('../../bin/trainar-admin.js', import.meta.url));
const silent = createLogger({ name: 'trainar-test', level: 'silent' });
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function admin(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function inProcess(env: Record<string, string>, ...args: string[]) {
  let out = '';
  let err = '';
  const code = await runAdminCli(args, { env, io: { out: (t) => (out += t), err: (t) => (err += t) } });
  return { code, out, err };
}

const json = async (env: Record<string, string>, ...args: string[]) => {
  const res = await admin(env, ...args, '--json');
  expect(res.code, res.stderr).toBe(0);
  return JSON.parse(res.stdout);
};

async function call(url: string, path: string, key: string) {
  const res = await fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${key}` } });
  return { status: res.status, body: await res.json() };
}

describe.skipIf(testDatabaseUrl())('trainar-admin on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'trainar-admin-'));
  dirs.push(dataDir);
  const env = { DATA_DIR: dataDir, TRAINAR_PUBLIC_URL: 'http://trainar.test' };

  it('works while the app is stopped, and the app then serves what it created', async () => {
    const created = await json(env, 'create-tenant', '--name', 'Offline Co', '--admin-email', 'offline@example.test', '--admin-password', 'a long enough password');
    expect(created).toMatchObject({ tenant: { name: 'Offline Co', status: 'active' }, admin: { email: 'offline@example.test', role: 'admin', status: 'active' }, set_password_url: null });
    const minted = await inProcess(env, 'create-key', '--tenant', created.tenant_id, '--name', 'ops', '--scopes', 'read:users,manage:users', '--json');
    expect(minted.code, minted.err).toBe(0);
    const key = JSON.parse(minted.out);
    expect(key).toMatchObject({ tenant_id: created.tenant_id, scopes: ['read:users', 'manage:users'], created_via: 'operator' });
    expect(readRuntimeFile(dataDir)).toBeNull();

    const app = await startTrainAr({ port: 0, dataDir, logger: silent, settings: { apiRateLimitPerMinute: 0 } });
    try {
      const users = await call(app.url, '/v1/api-tenant-users', key.key);
      expect(users.status).toBe(200);
      expect(users.body.users[0]).toMatchObject({ id: created.admin_user_id, email: 'offline@example.test' });
    } finally {
      await app.close();
    }
  }, 180_000); // initdb and every migration in-process, then the app: about a minute on a loaded shared machine

  it('goes through the running app (which owns the database), and changes take effect at once', async () => {
    const app = await startTrainAr({ port: 0, dataDir, logger: silent, settings: { apiRateLimitPerMinute: 0, secretGuessesPerIp: { limit: 2, windowSeconds: 600 } } });
    try {
      const info = readRuntimeFile(dataDir);
      expect(info).toMatchObject({ pid: process.pid, url: app.url });
      expect(statSync(runtimeFilePath(dataDir)).mode & 0o777).toBe(0o600);

      const created = await json(env, 'create-tenant', '--name', 'Online Co', '--admin-email', 'online@example.test');
      expect(created.admin.status).toBe('invited');
      expect(created.set_password_url).toMatch(new RegExp(`^${app.url}/invite/accept\\?token=tinv_`));
      const key = await json(env, 'create-key', '--tenant', created.tenant_id, '--name', 'all', '--scopes', 'all');
      expect(key.scopes).toHaveLength(20);
      expect((await call(app.url, '/v1/api-tenant-account', key.key)).body.name).toBe('Online Co');

      const listed = await json(env, 'list-tenants');
      expect(listed.tenants.map((t: { name: string }) => t.name)).toEqual(['Offline Co', 'Online Co']);

      // The rest in-process (same code path through the app, without a process start per call).
      expect((await inProcess(env, 'list-tenants')).out).toContain('Online Co');
      await inProcess(env, 'disable-tenant', '--tenant', created.tenant_id);
      expect((await call(app.url, '/v1/api-tenant-account', key.key)).status).toBe(401);
      await inProcess(env, 'enable-tenant', '--tenant', created.tenant_id);
      expect((await call(app.url, '/v1/api-tenant-account', key.key)).status).toBe(200);

      const unknownScope = await inProcess(env, 'create-key', '--tenant', created.tenant_id, '--name', 'x', '--scopes', 'read:tasks,read:everything');
      expect(unknownScope.code).toBe(5);
      expect(unknownScope.err).toContain('unknown scope "read:everything"');
      expect(unknownScope.err).toContain('"field":"scopes.1"');
      expect((await inProcess(env, 'disable-tenant', '--tenant', crypto.randomUUID())).code).toBe(4);
      expect((await inProcess(env, 'create-tenant', '--name', 'Dup', '--admin-email', 'online@example.test')).code).toBe(6);

      const guess = () => fetch(`${app.url}/_admin/commands/list-tenants`, { method: 'POST', headers: { [ADMIN_SECRET_HEADER]: 'guess' }, body: '{}' });
      expect((await guess()).status).toBe(401);
      expect((await guess()).status).toBe(401);
      // Guessed operator secrets are throttled per address like every other secret.
      const throttled = await guess();
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('Retry-After'))).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
    expect(readRuntimeFile(dataDir)).toBeNull();
    const after = await inProcess(env, 'list-tenants', '--json');
    expect(JSON.parse(after.out).tenants).toHaveLength(2);
  });

  it('takes over a runtime file left by a process that died, and prints usage errors with exit code 2', async () => {
    writeFileSync(runtimeFilePath(dataDir), JSON.stringify({ pid: 2 ** 22 + 12345, role: 'app', url: 'http://127.0.0.1:9', secret: 'x', started_at: '' }), { mode: 0o600 });
    const listed = await inProcess(env, 'list-tenants', '--json');
    expect(listed.code, listed.err).toBe(0);
    expect(JSON.parse(listed.out).tenants).toHaveLength(2);
    expect(readRuntimeFile(dataDir)).toBeNull();
    const usage = await inProcess(env, 'create-key', '--tenant', 'x');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--name');
  });
});

describe.skipIf(!testDatabaseUrl())('trainar-admin on PostgreSQL', () => {
  it('connects directly while the app is running on the same database', async () => {
    const database = await createTestDatabase([]);
    const url = database.url as string;
    const app = await startTrainAr({ port: 0, databaseUrl: url, devMode: true, logger: silent, settings: { apiRateLimitPerMinute: 0 } });
    try {
      const env = { DATABASE_URL: url, DATA_DIR: join(tmpdir(), 'unused-trainar-data') };
      const created = await json(env, 'create-tenant', '--name', 'Postgres Co', '--admin-email', 'pg@example.test', '--admin-password', 'a long enough password');
      const key = await json(env, 'create-key', '--tenant', created.tenant_id, '--name', 'pg', '--scopes', 'read:account');
      expect((await call(app.url, '/v1/api-tenant-account', key.key)).body.name).toBe('Postgres Co');
    } finally {
      await app.close();
      await database.close();
    }
  });
});
