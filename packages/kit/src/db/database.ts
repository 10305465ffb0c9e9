/**
 * @module Storage: one Kysely instance over embedded PGlite (default) or PostgreSQL (`DATABASE_URL`).
 * Both speak the same SQL dialect, so migrations and queries are written once.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { Kysely, PGliteDialect, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';

// biome-ignore lint/suspicious/noExplicitAny: products bring their own table types; the kit is schema-agnostic.
export type AnyDb = Kysely<any>;
// biome-ignore lint/suspicious/noExplicitAny: see AnyDb.
export type AnyTrx = Transaction<any>;
/** A database handle or an open transaction: domain functions accept either. */
export type Executor = AnyDb | AnyTrx;

export type DatabaseDriver = 'pglite' | 'postgres';

/**
 * Extensions every embedded database can `create extension` (pgvector, for semantic search). Loading
 * one costs nothing until a migration creates it; PostgreSQL servers bring their own (or lack it).
 */
export const PGLITE_EXTENSIONS = { vector };

/**
 * Shared buffers of an embedded instance. PostgreSQL's 128MB default is sized for a server; in
 * PGlite it is zeroed WebAssembly memory per instance, so with two products in one process it cost
 * ~250 MB of RSS and a quarter of each instance's start-up CPU. Below it the OS page cache still
 * holds the data files. `PGLITE_SHARED_BUFFERS` overrides it (any PostgreSQL size, e.g. `128MB`).
 */
export const DEFAULT_PGLITE_SHARED_BUFFERS = '32MB';

let compiledAssets: Promise<Pick<PGliteOptions, 'pgliteWasmModule' | 'fsBundle'>> | undefined;

/**
 * PGlite's WebAssembly module (9 MB) compiled once per process and its file-system bundle (6 MB)
 * read once, shared by every instance the process opens (both products in `npm start`, the test
 * workers' instances) instead of each instance compiling and reading its own.
 */
function pgliteAssets(): Promise<Pick<PGliteOptions, 'pgliteWasmModule' | 'fsBundle'>> {
  compiledAssets ??= (async () => {
    const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const [pgliteWasmModule, bundle] = await Promise.all([WebAssembly.compile(readFileSync(join(dist, 'pglite.wasm'))), Promise.resolve(readFileSync(join(dist, 'pglite.data')))]);
    return { pgliteWasmModule, fsBundle: new Blob([bundle]) };
  })();
  return compiledAssets;
}

/** Options for every embedded instance the platform opens: extensions, shared assets, start parameters. */
export async function embeddedCreateOptions(): Promise<PGliteOptions> {
  const sharedBuffers = process.env.PGLITE_SHARED_BUFFERS || DEFAULT_PGLITE_SHARED_BUFFERS;
  if (!/^\d+(kB|MB|GB)?$/.test(sharedBuffers)) throw new Error(`PGLITE_SHARED_BUFFERS must be a PostgreSQL size such as 32MB (got "${sharedBuffers}")`);
  return { extensions: PGLITE_EXTENSIONS, ...(await pgliteAssets()), startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`] };
}

export interface DatabaseOptions {
  /** `postgres://…` selects PostgreSQL; otherwise PGlite is used. */
  url?: string;
  /** PGlite data directory; omitted = in memory. */
  dataDir?: string;
  /** An existing PGlite instance (tests load a migrated template into one). */
  pglite?: PGlite;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /**
   * Schema holding this product's tables (created if missing, first on the search_path), so two
   * products can share one PostgreSQL database without colliding.
   */
  schema?: string;
}

export interface Database {
  db: AnyDb;
  driver: DatabaseDriver;
  /** The raw PGlite instance when driver is pglite (dump/load, listen). */
  pglite?: PGlite;
  /** The product schema given at open (migrations keep their bookkeeping there). */
  schema?: string;
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  if (options.url && /^postgres(ql)?:\/\//.test(options.url)) {
    const schema = options.schema;
    if (schema) await ensureSchema(options.url, schema);
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, options: schema ? `-c search_path=${schema},public` : undefined });
    // A dropped connection (server restart, terminated backend) must not crash the process: the pool
    // reports idle clients' errors here, and a checked-out client's error (its query or transaction
    // fails with it) would otherwise be an unhandled 'error' event. The pool drops broken clients on release.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    return { db, driver: 'postgres', schema, close: () => db.destroy() };
  }
  if (options.url) throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got "${redactUrl(options.url)}")`);
  let pglite = options.pglite;
  if (!pglite) {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    pglite = await PGlite.create({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), ...(await embeddedCreateOptions()) });
  }
  if (options.schema) {
    assertIdentifier(options.schema);
    // PGlite is a single connection, so the search_path set here holds for every query.
    await pglite.exec(`create schema if not exists ${options.schema}; set search_path to ${options.schema}, public;`);
  }
  const db = new Kysely({ dialect: new PGliteDialect({ pglite }) });
  const owned = !options.pglite;
  return {
    db,
    driver: 'pglite',
    pglite,
    schema: options.schema,
    // Kysely's PGlite driver closes the instance on destroy, so a borrowed instance is left alone.
    close: async () => {
      if (owned) await db.destroy();
    },
  };
}

function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid schema name "${name}"`);
}

async function ensureSchema(url: string, schema: string): Promise<void> {
  assertIdentifier(schema);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema if not exists ${schema}`);
  } catch (err) {
    // Two instances starting together may race on creation; the schema exists either way.
    if (!['23505', '42P06'].includes((err as { code?: string }).code ?? '')) throw err;
  } finally {
    await client.end();
  }
}

/** True when the database answers a trivial query. */
export async function isReachable(db: AnyDb): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}
