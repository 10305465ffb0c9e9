import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { isFreshDataDir, seedFromTemplate } from './embedded-template';
import { migrate, type SqlMigration } from './migrations';

const root = mkdtempSync(join(tmpdir(), 'embedded-template-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const cacheDir = join(root, 'cache');
const v1: SqlMigration[] = [{ name: 't-0001-notes', up: 'create table notes (id int primary key, body text not null);' }];
const v2: SqlMigration[] = [...v1, { name: 't-0002-tags', up: 'create table tags (id int primary key);' }];

async function tables(dataDir: string, migrations: SqlMigration[]) {
  const database = await openDatabase({ dataDir, schema: 'demo' });
  try {
    // Nothing pending: the copy already holds every migration.
    expect(await migrate(database.db, migrations, 'demo')).toEqual([]);
    const rows = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'demo' order by 1`.execute(database.db);
    return rows.rows.map((r) => r.table_name);
  } finally {
    await database.close();
  }
}

describe('pre-migrated embedded templates', () => {
  it('seeds a fresh directory with every migration applied, builds a new template when migrations change, and never touches an existing database', async () => {
    const first = join(root, 'first');
    expect(await seedFromTemplate(first, cacheDir, 'demo', v1)).toBe(true);
    expect(await tables(first, v1)).toEqual(['kysely_migration', 'kysely_migration_lock', 'notes']);

    const second = join(root, 'second');
    expect(await seedFromTemplate(second, cacheDir, 'demo', v2)).toBe(true);
    expect(await tables(second, v2)).toEqual(['kysely_migration', 'kysely_migration_lock', 'notes', 'tags']);
    expect(readdirSync(cacheDir).filter((d) => d.startsWith('demo-'))).toHaveLength(2);

    // The first directory is no longer fresh: seeding again leaves its data alone.
    const database = await openDatabase({ dataDir: first, schema: 'demo' });
    await sql`insert into notes values (1, 'kept')`.execute(database.db);
    await database.close();
    expect(isFreshDataDir(first)).toBe(false);
    expect(await seedFromTemplate(first, cacheDir, 'demo', v2)).toBe(false);
    const reopened = await openDatabase({ dataDir: first, schema: 'demo' });
    expect((await sql<{ body: string }>`select body from notes`.execute(reopened.db)).rows).toEqual([{ body: 'kept' }]);
    await reopened.close();
  }, 300_000); // two initdb runs: ~15 s idle, minutes on a loaded shared machine
});
