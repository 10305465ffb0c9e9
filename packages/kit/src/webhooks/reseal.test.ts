/**
 * Rotating a product's master key: the previous key still opens what it sealed, and the start-up
 * pass rewrites every stored secret under the new key, so the previous key can then be dropped.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { resealColumns } from './reseal';
import { createSecretBox, SecretUnavailableError } from './secret-box';

const options = { keyName: 'TEST_SECRET_KEY', salt: 'test', info: 'test secrets v1' };
const OLD = 'o'.repeat(32);
const NEW = 'n'.repeat(32);

describe('kit secret box rotation', () => {
  it('opens with a previous key, reseals under the current one, and leaves current values alone', () => {
    const sealedOld = createSecretBox({ ...options, masterKey: OLD }).seal('whsec_a', 'row-1');
    const rotated = createSecretBox({ ...options, masterKey: NEW, previousKeys: [OLD] });
    expect(rotated.open(sealedOld, 'row-1')).toBe('whsec_a');
    const fresh = rotated.reseal(sealedOld, 'row-1') as string;
    expect(fresh).toMatch(/^enc:v1:/);
    expect(createSecretBox({ ...options, masterKey: NEW }).open(fresh, 'row-1')).toBe('whsec_a');
    expect(rotated.reseal(fresh, 'row-1')).toBeNull();
    expect(rotated.reseal('plain:whsec_b', 'row-2')).toMatch(/^enc:v1:/); // a key set later seals old plain values
    expect(createSecretBox({ ...options, masterKey: null }).reseal('plain:whsec_b', 'row-2')).toBeNull();
    expect(() => createSecretBox({ ...options, masterKey: NEW }).open(sealedOld, 'row-1')).toThrow('does not decrypt with the current TEST_SECRET_KEY');
    expect(() => createSecretBox({ ...options, masterKey: NEW, previousKeys: ['x'.repeat(32)] }).open(sealedOld, 'row-1')).toThrow('TEST_SECRET_KEY or TEST_SECRET_KEY_PREVIOUS');
    expect(() => createSecretBox({ ...options, masterKey: NEW, previousKeys: ['short'] })).toThrow('TEST_SECRET_KEY_PREVIOUS must be at least 32 characters');
  });
});

describe('resealColumns', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase([{ name: 'test-0001-sealed', up: 'create table sealed (id text primary key, secret text not null, refresh text)' }]);
  });
  afterAll(async () => database?.close());

  it('moves every sealed value to the current key, skips nulls, reports what no key opens, and is idempotent', async () => {
    const db = database.db;
    const old = createSecretBox({ ...options, masterKey: OLD });
    const ids = Array.from({ length: 450 }, (_, i) => `wh_${String(i).padStart(4, '0')}`); // more than one batch
    for (const id of ids) {
      await sql`insert into sealed (id, secret, refresh) values (${id}, ${old.seal(`whsec_${id}`, id)}, ${id.endsWith('7') ? null : old.seal(`r_${id}`, id)})`.execute(db);
    }
    const foreign = createSecretBox({ ...options, masterKey: 'f'.repeat(32) }).seal('whsec_lost', 'wh_lost');
    await sql`insert into sealed (id, secret) values ('wh_lost', ${foreign})`.execute(db);

    const rotated = createSecretBox({ ...options, masterKey: NEW, previousKeys: [OLD] });
    const first = await resealColumns(db, rotated, { table: 'sealed', id: 'id', columns: ['secret', 'refresh'] });
    expect(first.resealed).toBe(450 + 450 - 45);
    expect(first.unreadable).toEqual([{ id: 'wh_lost', column: 'secret', reason: expect.stringContaining('does not decrypt') }]);

    const onlyNew = createSecretBox({ ...options, masterKey: NEW });
    const { rows } = await sql<{ id: string; secret: string; refresh: string | null }>`select id, secret, refresh from sealed where id <> 'wh_lost' order by id`.execute(db);
    for (const row of rows) {
      expect(onlyNew.open(row.secret, row.id)).toBe(`whsec_${row.id}`);
      if (row.refresh !== null) expect(onlyNew.open(row.refresh, row.id)).toBe(`r_${row.id}`);
    }
    expect(rows.filter((r) => r.refresh === null)).toHaveLength(45);
    expect(() => old.open(rows[0].secret, rows[0].id)).toThrow(SecretUnavailableError);

    const again = await resealColumns(db, rotated, { table: 'sealed', id: 'id', columns: ['secret', 'refresh'] });
    expect(again.resealed).toBe(0);
  });

  it('with no previous key, seals only the values stored as is (a key set for the first time), reading no sealed one', async () => {
    const db = database.db;
    await sql`insert into sealed (id, secret) values ('plain_1', 'plain:whsec_p1'), ('undecryptable', 'enc:v1:x:y:z')`.execute(db);
    const box = createSecretBox({ ...options, masterKey: NEW });
    // The garbled row would be reported unreadable if it were read: only plain values are.
    expect(await resealColumns(db, box, { table: 'sealed', id: 'id', columns: ['secret', 'refresh'] })).toEqual({ resealed: 1, unreadable: [] });
    const { rows } = await sql<{ secret: string }>`select secret from sealed where id = 'plain_1'`.execute(db);
    expect(box.open(rows[0].secret, 'plain_1')).toBe('whsec_p1');
  });
});
