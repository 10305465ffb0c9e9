/**
 * @module Migrations: plain SQL, ordered by name, applied once at start-up by Kysely's Migrator
 * (which takes a lock, so several instances starting together on one PostgreSQL are safe).
 */
import { sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { AnyDb } from './database';
import { splitSqlStatements } from './split-sql';

export interface SqlMigration {
  /** Sortable and unique across every set applied to one database, e.g. `kit-0001-outbox`. */
  name: string;
  up: string;
}

class SqlMigrationProvider implements MigrationProvider {
  constructor(private readonly migrations: SqlMigration[]) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const m of this.migrations) {
      if (out[m.name]) throw new Error(`Duplicate migration name ${m.name}`);
      const statements = splitSqlStatements(m.up);
      out[m.name] = {
        up: async (db) => {
          for (const statement of statements) await sql.raw(statement).execute(db);
        },
      };
    }
    return out;
  }
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrate(db: AnyDb, migrations: SqlMigration[]): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new SqlMigrationProvider(migrations), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when no migration from the set is pending (used by /readyz). */
export async function migrationsApplied(db: AnyDb, migrations: SqlMigration[]): Promise<boolean> {
  try {
    const migrator = new Migrator({ db, provider: new SqlMigrationProvider(migrations), allowUnorderedMigrations: true });
    const all = await migrator.getMigrations();
    return all.every((m) => m.executedAt !== undefined);
  } catch {
    return false;
  }
}
