/**
 * @module Booting a product app: open the database (PGlite in a data directory, or PostgreSQL),
 * apply migrations, build the Hono app, listen. Both products boot the same way.
 */
import type { Hono } from 'hono';
import { type Database, openDatabase } from '../db/database';
import { migrate, type SqlMigration } from '../db/migrations';
import { listen, type RunningServer } from './serve';

export interface BootOptions {
  port: number;
  host?: string;
  /** PGlite data directory (ignored when databaseUrl is set). */
  dataDir?: string;
  databaseUrl?: string;
  /** Schema for this product's tables (see DatabaseOptions.schema). */
  schema?: string;
  /** An already-open database (tests). */
  database?: Database;
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
  const database = options.database ?? (await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir, schema: options.schema }));
  const ownsDatabase = !options.database;
  try {
    await migrate(database.db, migrations);
    const built = await build(database);
    const server: RunningServer = await listen(built.app, { port: options.port, host: options.host });
    return {
      url: server.url,
      port: server.port,
      database,
      extra: built.extra,
      close: async () => {
        await server.close();
        await built.stop?.();
        if (ownsDatabase) await database.close();
      },
    };
  } catch (err) {
    if (ownsDatabase) await database.close();
    throw err;
  }
}
