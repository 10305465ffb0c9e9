/**
 * @module The database a benchmark runs on: a temporary PostgreSQL database (dropped afterwards) when
 * BENCH_DATABASE_URL or TEST_DATABASE_URL is set, else in-memory PGlite; migrated either way.
 */
import { randomBytes } from 'node:crypto';
import { type Database, migrate, openDatabase, type SqlMigration } from '@platform/kit';
import { withDatabase } from '@platform/kit/testing';
import pg from 'pg';

export interface BenchDatabase {
  database: Database;
  driver: string;
  drop: () => Promise<void>;
}

export async function openBenchDatabase(label: string, migrations: SqlMigration[], poolSize: number): Promise<BenchDatabase> {
  const base = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!base) {
    const database = await openDatabase();
    await migrate(database.db, migrations);
    return { database, driver: 'pglite (in-memory)', drop: () => database.close() };
  }
  const name = `bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const database = await openDatabase({ url: withDatabase(base, name), poolSize });
  await migrate(database.db, migrations);
  return {
    database,
    driver: 'postgresql',
    drop: async () => {
      await database.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** The p-th percentile of an ascending list (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
