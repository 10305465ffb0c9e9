/**
 * `npm start` as a user runs it, in real processes: one process per data directory (a second one
 * fails at once, says why, leaks no secret; the first keeps serving; kill -9 leaves nothing that
 * blocks a restart), and both apps on one fresh PostgreSQL database, started twice.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseUrl, withDatabase } from '@platform/kit/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCli } from '../packages/trainar-server/src/admin/cli';
import { repoRoot, type StartedProcess, startProcess } from './start-process';

const running: StartedProcess[] = [];
const root = mkdtempSync(join(tmpdir(), 'npm-start-'));
beforeAll(() => {
  // What `npm start` runs; building the bundle once here keeps the timings below about start-up.
  expect(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).scripts.start).toBe('node scripts/start.mjs');
  execFileSync(process.execPath, ['scripts/start.mjs', '--build-only'], { cwd: repoRoot });
}, 120_000);
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop('SIGKILL')));
  rmSync(root, { recursive: true, force: true });
});

function start(env: Record<string, string | undefined>): StartedProcess {
  const p = startProcess(env);
  running.push(p);
  return p;
}

async function post(url: string, body: unknown, token?: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

async function get(url: string, token: string) {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

/** Data in both apps: an OpenTrain agent token and a TrainAR tenant key, each usable only if its rows survive. */
async function seed(urls: { opentrain: string; trainar: string }, dataDir: string) {
  const agent = await post(`${urls.opentrain}/api/agent/identity`, {});
  expect(agent.status).toBe(200);
  const out: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
  const env = { DATA_DIR: dataDir };
  expect(await runAdminCli(['create-tenant', '--name', 'Kept Co', '--admin-email', 'kept@example.test', '--admin-password', 'a long enough password', '--json'], { env, io })).toBe(0);
  const tenant = JSON.parse(out.pop() as string);
  expect(await runAdminCli(['create-key', '--tenant', tenant.tenant_id, '--name', 'k', '--scopes', 'read:account', '--json'], { env, io })).toBe(0);
  return { agentToken: agent.body.access_token as string, tenantKey: JSON.parse(out.pop() as string).key as string };
}

async function expectSeeded(urls: { opentrain: string; trainar: string }, seeded: { agentToken: string; tenantKey: string }) {
  expect((await get(`${urls.opentrain}/api/public/v1/auth/me`, seeded.agentToken)).status).toBe(200);
  const account = await get(`${urls.trainar}/v1/api-tenant-account`, seeded.tenantKey);
  expect(account.body.name).toBe('Kept Co');
}

describe('npm start on the embedded database', () => {
  it('admits one process per data directory, fails the second at once without secrets, and restarts after kill -9', async () => {
    const dataDir = join(root, 'data');
    const first = start({ DATA_DIR: dataDir });
    const urls = await first.ready();
    const seeded = await seed(urls, dataDir);
    const secret = JSON.parse(readFileSync(join(dataDir, 'trainar.runtime.json'), 'utf8')).secret as string;
    expect(secret.length).toBeGreaterThan(20);

    const startedAt = Date.now();
    const second = start({ DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    // At once: no database was opened (a database open alone takes seconds).
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    expect(second.output()).toContain(`The data directory ${join(dataDir, 'opentrain')} is in use by opentrain (process ${first.child.pid})`);
    expect(second.output()).toContain(`The data directory ${join(dataDir, 'trainar')} is in use by trainar (process ${first.child.pid})`);
    expect(second.output()).not.toContain(secret);
    expect(second.output()).not.toMatch(/secret/i);
    expect(second.output()).not.toContain('OpenTrain  http');

    // The first keeps serving, data intact.
    await expectSeeded(urls, seeded);

    await first.stop('SIGKILL');
    const third = start({ DATA_DIR: dataDir });
    const restarted = await third.ready();
    await expectSeeded(restarted, seeded);
    expect(await third.stop()).toBe(0);
  }, 240_000);
});

describe('npm start beyond loopback', () => {
  it('refuses to start without SMTP_URL, saying why, before touching the data directory', async () => {
    const dataDir = join(root, 'wide');
    const p = start({ DATA_DIR: dataDir, HOST: '0.0.0.0' });
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain('Could not start: OpenTrain will not start without SMTP_URL outside dev mode (it listens on 0.0.0.0 (not loopback))');
    expect(p.output()).toContain('Could not start: TrainAR will not start without SMTP_URL outside dev mode');
    expect(existsSync(dataDir)).toBe(false);
  }, 60_000);

  it('refuses a DATABASE_POOL_SIZE that is not a positive whole number, naming the variable', async () => {
    const p = start({ DATA_DIR: join(root, 'pool'), DATABASE_POOL_SIZE: '0' });
    expect(await p.exited).toBe(2);
    expect(p.output()).toContain('DATABASE_POOL_SIZE');
    expect(existsSync(join(root, 'pool'))).toBe(false);
  }, 60_000);
});

describe.skipIf(!testDatabaseUrl())('npm start on PostgreSQL', () => {
  it('starts both apps on one fresh database, and again on the now migrated one', async () => {
    const base = testDatabaseUrl() as string;
    const name = `npm_start_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = withDatabase(base, name);
    try {
      for (const round of [1, 2]) {
        // As the README says for PostgreSQL: SMTP_URL is needed outside dev mode (nothing is mailed here).
        // The second start also caps each product's pool at one connection (DATABASE_POOL_SIZE).
        const p = start({ DATABASE_URL: url, SMTP_URL: 'smtp://127.0.0.1:2525', DATA_DIR: join(root, `unused-${round}`), ...(round === 2 ? { DATABASE_POOL_SIZE: '1' } : {}) });
        const urls = await p.ready();
        expect(p.output()).toContain('Storage: PostgreSQL (DATABASE_URL)');
        if (round === 2) {
          // 40 requests at once per product: the default pool (10) would open several connections each.
          const answers = await Promise.all([urls.opentrain, urls.trainar].flatMap((origin) => Array.from({ length: 40 }, () => fetch(`${origin}/readyz`).then((r) => r.status))));
          expect(new Set(answers)).toEqual(new Set([200]));
          const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          expect(rows[0].n).toBeGreaterThanOrEqual(1);
          expect(rows[0].n).toBeLessThanOrEqual(2);
        }
        expect(await p.stop()).toBe(0);
      }
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      const tables = await db.query(`select table_schema, table_name from information_schema.tables where table_name like 'kysely_migration%' order by 1, 2`);
      await db.end();
      // Each product keeps its migration bookkeeping in its own schema; nothing lands in public.
      expect(tables.rows).toEqual([
        { table_schema: 'opentrain', table_name: 'kysely_migration' },
        { table_schema: 'opentrain', table_name: 'kysely_migration_lock' },
        { table_schema: 'trainar', table_name: 'kysely_migration' },
        { table_schema: 'trainar', table_name: 'kysely_migration_lock' },
      ]);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 240_000);
});
