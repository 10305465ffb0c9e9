/**
 * @module Booting a product app: lock the data directory (embedded only), open the database
 * (PGlite in a data directory, or PostgreSQL), apply migrations, build the Hono app, listen.
 * Both products boot the same way.
 */
import type { Hono } from 'hono';
import { lockDataDir } from '../db/data-dir-lock';
import { seedFromTemplate } from '../db/embedded-template';
import { type Database, openDatabase } from '../db/database';
import { migrate, type SqlMigration } from '../db/migrations';
import { listen, type RunningServer } from './serve';

export interface BootOptions {
  port: number;
  host?: string;
  /** PGlite data directory (ignored when databaseUrl is set). */
  dataDir?: string;
  databaseUrl?: string;
  /** PostgreSQL connections this app's pool may hold (DATABASE_POOL_SIZE; default 10). Ignored on PGlite. */
  databasePoolSize?: number;
  /** Schema for this product's tables (see DatabaseOptions.schema). */
  schema?: string;
  /** An already-open database (tests). */
  database?: Database;
  /** Who holds the data directory while this app runs (shown to a second process); default `app`. */
  lockRole?: string;
  /** Holders worth waiting for instead of failing at once (e.g. a short operator command). */
  lockWaitFor?: string[];
  /** How long to wait for one of `lockWaitFor` (default 30 s). */
  lockWaitMs?: number;
  /**
   * Where pre-migrated embedded templates are cached (see db/embedded-template.ts): a fresh data
   * directory is then a file copy instead of initdb plus every migration. Omitted: no template.
   */
  templateCacheDir?: string;
}

export interface BootedApp<X = unknown> {
  url: string;
  port: number;
  database: Database;
  /** Product-specific handles (workers, services) for tests and the start script. */
  extra: X;
  close(): Promise<void>;
}

export async function bootApp<X>(
  options: BootOptions,
  migrations: SqlMigration[],
  // biome-ignore lint/suspicious/noExplicitAny: any Hono app shape can be served.
  build: (database: Database) => Promise<{ app: Hono<any>; extra: X; stop?: () => Promise<void> }>,
): Promise<BootedApp<X>> {
  const embeddedDir = !options.database && !options.databaseUrl ? options.dataDir : undefined;
  // Before the database opens: a second process on the same directory stops here, at once.
  const lock = embeddedDir
    ? await lockDataDir(embeddedDir, options.lockRole ?? 'app', { waitFor: options.lockWaitFor, waitMs: options.lockWaitMs ?? 30_000 })
    : undefined;
  let database: Database;
  try {
    if (embeddedDir && options.templateCacheDir) await seedFromTemplate(embeddedDir, options.templateCacheDir, options.schema, migrations);
    database = options.database ?? (await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir, schema: options.schema, poolSize: options.databasePoolSize }));
  } catch (err) {
    await lock?.release();
    throw err;
  }
  const ownsDatabase = !options.database;
  try {
    await migrate(database.db, migrations, database.schema);
    const built = await build(database);
    const server: RunningServer = await listen(built.app, { port: options.port, host: options.host });
    return {
      url: server.url,
      port: server.port,
      database,
      extra: built.extra,
      close: async () => {
        try {
          await server.close();
          await built.stop?.();
          if (ownsDatabase) await database.close();
        } finally {
          await lock?.release();
        }
      },
    };
  } catch (err) {
    if (ownsDatabase) await database.close();
    await lock?.release();
    throw err;
  }
}
