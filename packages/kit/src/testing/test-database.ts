/**
 * @module Test databases: the real thing, never a mock, and cheap enough to take one per test file.
 * PGlite (default): one embedded instance per test worker (vitest runs with `isolate: false`, so it
 * outlives a file), and each test database is a fresh schema in it, migrated on the warm instance
 * (~0.5 s) and dropped on close; starting a new PGlite costs ~2 s of CPU even from a migrated
 * template, which was most of the suite's time. A second database opened while the worker's schema
 * is in use (two apps on separate databases in one file), or `ownInstance`, gets its own instance
 * loaded from a migrated template data directory (cached on disk, keyed by the migration set).
 * With `TEST_DATABASE_URL`: a uniquely named PostgreSQL database per call, copied from a migrated
 * template database (`CREATE DATABASE … TEMPLATE`, built once per migration set), dropped on close.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, embeddedCreateOptions, openDatabase } from '../db/database';
import { templateKey } from '../db/embedded-template';
import { migrate, type SqlMigration } from '../db/migrations';

export interface TestDatabase extends Database {
  /** The connection URL when on PostgreSQL (child processes connect with it). */
  url?: string;
}

export interface TestDatabaseOptions {
  /**
   * PGlite: a whole instance of its own instead of a schema in the worker's shared instance, for
   * tests that dump the data directory or hand it to another process.
   */
  ownInstance?: boolean;
}

export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

export async function createTestDatabase(migrations: SqlMigration[], options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const baseUrl = testDatabaseUrl();
  if (baseUrl) return createPostgresTestDatabase(baseUrl, migrations);
  const shared = options.ownInstance ? undefined : await claimSharedPglite();
  if (shared) return createSchemaTestDatabase(shared, migrations);
  const template = await pgliteTemplate(migrations);
  const pglite = await PGlite.create({ loadDataDir: new Blob([template as Uint8Array<ArrayBuffer>]), ...(await embeddedCreateOptions()) });
  const database = await openDatabase({ pglite });
  return { ...database, close: async () => { await database.close(); if (!pglite.closed) await pglite.close(); } };
}

function migrationsKey(migrations: SqlMigration[]): string {
  return createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 16);
}

// ---- PGlite: one shared instance per worker process, a schema per test database ----

interface SharedPglite {
  instance: Promise<PGlite>;
  busy: boolean;
  schemas: number;
  /** The test file holding the schema now (to name a file that leaves its database open). */
  holder?: string;
}

/** The test file vitest is running in this worker (its worker state; undefined outside vitest). */
function currentTestFile(): string | undefined {
  return (globalThis as { __vitest_worker__?: { filepath?: string } }).__vitest_worker__?.filepath;
}

// On globalThis rather than in module scope, so a re-evaluated module still finds the instance.
const SHARED_KEY = Symbol.for('platform.testing.sharedPglite');

async function claimSharedPglite(): Promise<SharedPglite | undefined> {
  const store = globalThis as { [SHARED_KEY]?: SharedPglite };
  store[SHARED_KEY] ??= { instance: startBlankPglite(), busy: false, schemas: 0 };
  const shared = store[SHARED_KEY];
  const file = currentTestFile();
  if (shared.busy) {
    if (shared.holder !== file) {
      // Every later file in this worker now pays for a PGlite of its own: say who to fix.
      process.stderr.write(`createTestDatabase: ${shared.holder ?? 'an earlier test file'} left its test database open; close it in afterAll (docs/testing.md)\n`);
    }
    return undefined;
  }
  shared.busy = true;
  shared.holder = file;
  const pglite = await shared.instance;
  if (pglite.closed) {
    // Someone closed the shared instance: start a new one rather than fail every later file.
    shared.instance = startBlankPglite();
    await shared.instance;
  }
  return shared;
}

async function createSchemaTestDatabase(shared: SharedPglite, migrations: SqlMigration[]): Promise<TestDatabase> {
  const real = await shared.instance;
  const schema = `test_${++shared.schemas}`;
  let closed = false;
  const guarded = <A extends unknown[], R>(method: (...args: A) => R) => (...args: A): R => {
    if (closed) throw new Error(`Test database ${schema} is closed (a query ran after close: something outlived its test)`);
    return method.apply(real, args);
  };
  // Kysely sees a closable view of the shared instance: after close it reports `closed` and refuses
  // queries, so a late query of a finished test cannot land in the next file's schema.
  const view = {
    get closed() {
      return closed || real.closed;
    },
    get ready() {
      return real.ready;
    },
    get waitReady() {
      return real.waitReady;
    },
    query: guarded((...args: Parameters<PGlite['query']>) => real.query(...args)),
    exec: guarded((...args: Parameters<PGlite['exec']>) => real.exec(...args)),
    transaction: guarded((...args: Parameters<PGlite['transaction']>) => real.transaction(...args)),
    close: async () => {},
  } as unknown as PGlite;
  try {
    const database = await openDatabase({ pglite: view, schema });
    await migrate(database.db, migrations, schema);
    return {
      ...database,
      pglite: real,
      close: async () => {
        if (closed) return;
        closed = true;
        try {
          await dropSchema(real, schema);
        } finally {
          shared.busy = false;
        }
      },
    };
  } catch (err) {
    closed = true;
    await dropSchema(real, schema).catch(() => undefined);
    shared.busy = false;
    throw err;
  }
}

/** Drops the schema and resets the session (search_path, settings) for the next file. */
async function dropSchema(pglite: PGlite, schema: string): Promise<void> {
  await pglite.exec(`drop schema if exists ${schema} cascade`);
  await pglite.exec('discard all'); // not in a transaction block, so a statement of its own
}

/** A PGlite with no tables, loaded from a dump of a fresh one (initdb costs ~3× more CPU). */
async function startBlankPglite(): Promise<PGlite> {
  return PGlite.create({ loadDataDir: new Blob([(await pgliteTemplate([])) as Uint8Array<ArrayBuffer>]), ...(await embeddedCreateOptions()) });
}

/** A gzipped data directory holding these migrations (none: a blank database), cached on disk. */
async function pgliteTemplate(migrations: SqlMigration[]): Promise<Uint8Array> {
  // The key covers PGlite's version too: a dump is only loaded by the release that wrote it.
  const file = join(tmpdir(), `platform-test-template-${templateKey(undefined, migrations)}.tar.gz`);
  if (existsSync(file)) return readFileSync(file);
  const pglite = await PGlite.create({ ...(await embeddedCreateOptions()) });
  const database = await openDatabase({ pglite });
  if (migrations.length > 0) await migrate(database.db, migrations);
  const dump = new Uint8Array(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
  await database.close();
  if (!pglite.closed) await pglite.close();
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(tmp, dump);
  renameSync(tmp, file); // atomic: parallel test workers never read a half-written template
  return dump;
}

// ---- PostgreSQL: a database per call, copied from a migrated template database ----

const postgresTemplates = new Map<string, Promise<string>>();

async function createPostgresTestDatabase(baseUrl: string, migrations: SqlMigration[]): Promise<TestDatabase> {
  const template = await postgresTemplate(baseUrl, migrations);
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdmin(baseUrl, (admin) => retryWhileBusy(() => admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`)));
  const url = withDatabase(baseUrl, name);
  const database = await openDatabase({ url, poolSize: 20 });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await withAdmin(baseUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/**
 * The name of a database holding exactly these migrations, built once per migration set (and
 * shared by every worker and run on this server: the name hashes the set). Built under a temporary
 * name and renamed, so a half-migrated template is never copied.
 */
function postgresTemplate(baseUrl: string, migrations: SqlMigration[]): Promise<string> {
  const name = `tmpl_${migrationsKey(migrations)}`;
  const key = `${baseUrl} ${name}`;
  let pending = postgresTemplates.get(key);
  if (!pending) {
    pending = buildPostgresTemplate(baseUrl, name, migrations);
    postgresTemplates.set(key, pending);
    pending.catch(() => postgresTemplates.delete(key));
  }
  return pending;
}

async function buildPostgresTemplate(baseUrl: string, name: string, migrations: SqlMigration[]): Promise<string> {
  const exists = async () =>
    withAdmin(baseUrl, async (admin) => (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
  if (await exists()) return name;
  const building = `${name}_b${randomBytes(4).toString('hex')}`;
  await withAdmin(baseUrl, (admin) => admin.query(`CREATE DATABASE ${building}`));
  try {
    const database = await openDatabase({ url: withDatabase(baseUrl, building), poolSize: 1 });
    try {
      await migrate(database.db, migrations);
    } finally {
      await database.close();
    }
    await withAdmin(baseUrl, (admin) => retryWhileBusy(() => admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`)));
  } catch (err) {
    await withAdmin(baseUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`));
    // Another worker finished the same template first: theirs is as good as ours.
    if (!(await exists())) throw err;
  }
  return name;
}

async function withAdmin<T>(baseUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Retries while PostgreSQL says the source database is still in use (a closing pool's backends). */
async function retryWhileBusy<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || tries >= 50) throw err;
      await sleep(100);
    }
  }
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
