/**
 * Two instances starting at once on an empty PostgreSQL database (a rolling deploy, or
 * `npm run multi-instance`): both run `migrate` together. The migrator's advisory lock must let one
 * apply the set while the other waits, then finds nothing pending; a migration must never run twice.
 * PostgreSQL only (PGlite admits one process per data directory).
 */
import pg from 'pg';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../testing/test-database';
import { openDatabase } from './database';
import { migrate, type SqlMigration } from './migrations';

const url = testDatabaseUrl();

const migrations: SqlMigration[] = [
  { name: 'race-0001-table', up: 'create table migration_runs (name text not null);' },
  // Slow on purpose, so the second instance arrives while the first holds the lock.
  { name: 'race-0002-slow', up: "select pg_sleep(0.5); insert into migration_runs values ('race-0002-slow');" },
  { name: 'race-0003-after', up: "insert into migration_runs values ('race-0003-after');" },
];

async function admin(statement: string): Promise<void> {
  const u = new URL(url as string);
  u.pathname = '/postgres';
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe.skipIf(!url)('migrations from two instances at once (PostgreSQL)', () => {
  it('applies each migration exactly once; both instances end up ready', async () => {
    const name = `migrate_race_${Date.now().toString(36)}_${process.pid}`;
    await admin(`create database ${name}`);
    const u = new URL(url as string);
    u.pathname = `/${name}`;
    const [a, b] = await Promise.all([openDatabase({ url: u.toString(), schema: 'product', poolSize: 2 }), openDatabase({ url: u.toString(), schema: 'product', poolSize: 2 })]);
    try {
      const [appliedByA, appliedByB] = await Promise.all([migrate(a.db, migrations, a.schema), migrate(b.db, migrations, b.schema)]);
      // One instance applied all three, the other none (it waited for the lock, then found nothing pending).
      expect([appliedByA.length, appliedByB.length].sort()).toEqual([0, 3]);
      const runs = await sql<{ name: string }>`select name from migration_runs order by name`.execute(a.db);
      expect(runs.rows.map((r) => r.name)).toEqual(['race-0002-slow', 'race-0003-after']);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await admin(`drop database if exists ${name} with (force)`);
    }
  });
});
