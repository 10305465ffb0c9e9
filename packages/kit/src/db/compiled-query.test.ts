import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { compileOnce } from './compiled-query';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase([{ name: 'test-0001', up: `create table pets (id text primary key, owner text not null, kind text not null);` }]);
  await sql`insert into pets values ('p1', 'ann', 'cat'), ('p2', 'ann', 'dog'), ('p3', 'bob', 'cat')`.execute(database.db);
});
afterAll(async () => database?.close());

describe('compileOnce', () => {
  it('compiles once and runs with each call’s arguments, keeping the query’s own constants', async () => {
    let builds = 0;
    const catsOf = compileOnce(database.db, 1, (owner: string) => {
      builds++;
      return database.db.selectFrom('pets').select('id').where('owner', '=', owner).where('kind', '=', 'cat').orderBy('id');
    });
    expect(await catsOf('ann')).toEqual([{ id: 'p1' }]);
    expect(await catsOf('bob')).toEqual([{ id: 'p3' }]);
    expect(await catsOf('nobody')).toEqual([]);
    expect(builds).toBe(1);
  });
});
