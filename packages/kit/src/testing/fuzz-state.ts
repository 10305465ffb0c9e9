/**
 * @module "Nothing already stored changes": a snapshot of every row of every table in the app's
 * schema, compared after a fuzz run. Rows may be added (a fuzzed creation is a real creation), but
 * every row that existed before must still be there, unchanged, unless it belongs to the fuzzing
 * caller's own account (whose account-wide settings a valid fuzzed update may rightly change) or to
 * the kit's bookkeeping (rate-limit counters, sessions, job queues) or a table named in `volatileTables`.
 */
import { sql } from 'kysely';
import type { AnyDb } from '../db/database';

export interface StoredRows {
  /** table → serialized rows */
  tables: Map<string, string[]>;
}

export async function snapshotStoredRows(db: AnyDb): Promise<StoredRows> {
  const listed = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = any(current_schemas(false)) and table_type = 'BASE TABLE'
    order by table_name`.execute(db);
  const tables = new Map<string, string[]>();
  for (const { table_name } of listed.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table_name)}`.execute(db);
    tables.set(table_name, rows.rows.map((row) => JSON.stringify(row, (_key, value) => (typeof value === 'bigint' ? value.toString() : value))));
  }
  return { tables };
}

/** The kit's bookkeeping, which any request or the background worker may change: always volatile. */
export const KIT_BOOKKEEPING_TABLES: readonly string[] = ['rate_limit_counters', 'web_sessions', 'jobs', 'job_attempts', 'outbox_events'];

export interface StoredRowsComparison {
  /** Tables whose rows may change freely, besides `KIT_BOOKKEEPING_TABLES`. */
  volatileTables?: string[];
  /** Rows containing any of these strings (the fuzzing account's ids) may change. */
  mutableOwners?: string[];
  /** Rows containing any of these strings are compared even when they belong to a mutable owner (seeded entities). */
  kept?: string[];
}

/** Lines naming each row that existed before and is gone or changed now (empty when all is intact). */
export async function changedStoredRows(db: AnyDb, before: StoredRows, options: StoredRowsComparison = {}): Promise<string[]> {
  const after = await snapshotStoredRows(db);
  const volatile = new Set([...KIT_BOOKKEEPING_TABLES, ...(options.volatileTables ?? [])]);
  const owners = options.mutableOwners ?? [];
  const kept = options.kept ?? [];
  const mayChange = (row: string) => owners.some((owner) => row.includes(owner)) && !kept.some((id) => row.includes(id));
  const changes: string[] = [];
  for (const [table, rows] of before.tables) {
    if (volatile.has(table)) continue;
    const now = new Set(after.tables.get(table) ?? []);
    for (const row of rows) {
      if (now.has(row) || mayChange(row)) continue;
      changes.push(`${table}: ${row.slice(0, 300)}`);
    }
  }
  return changes;
}
