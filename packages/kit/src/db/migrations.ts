/**
 * @module Migrations: plain SQL, ordered by name, applied once at start-up by Kysely's Migrator
 * (which takes a lock, so several instances starting together on one PostgreSQL are safe).
 * With a schema, the migrator's bookkeeping (`kysely_migration`, `kysely_migration_lock`) lives
 * in that schema too, so two products sharing one PostgreSQL database never see each other's.
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

function migrator(db: AnyDb, migrations: SqlMigration[], schema: string | undefined): Migrator {
  return new Migrator({ db, provider: new SqlMigrationProvider(migrations), allowUnorderedMigrations: true, migrationTableSchema: schema });
}

/**
 * Applies every pending migration; throws with the failing migration's name. `schema` is the
 * product's schema (Database.schema); omitted, the bookkeeping tables follow the search_path.
 */
export async function migrate(db: AnyDb, migrations: SqlMigration[], schema?: string): Promise<string[]> {
  const { error, results } = await migrator(db, migrations, schema).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when no migration from the set is pending (used by /readyz). */
export async function migrationsApplied(db: AnyDb, migrations: SqlMigration[], schema?: string): Promise<boolean> {
  try {
    const all = await migrator(db, migrations, schema).getMigrations();
    return all.every((m) => m.executedAt !== undefined);
  } catch {
    return false;
  }
}
