import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { commitWithoutFlushWait } from './relaxed-commit';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase([]);
});
afterAll(() => t?.close());

const setting = async (executor: Parameters<typeof commitWithoutFlushWait>[0]) =>
  (await sql<{ synchronous_commit: string }>`SHOW synchronous_commit`.execute(executor)).rows[0]?.synchronous_commit;

it('turns off the flush wait for its own transaction only; durable commits stay the default', async () => {
  expect(await setting(t.db)).toBe('on');
  await t.db.transaction().execute(async (trx) => {
    await commitWithoutFlushWait(trx);
    expect(await setting(trx)).toBe('off');
  });
  expect(await setting(t.db)).toBe('on');
  await t.db.transaction().execute(async (trx) => expect(await setting(trx)).toBe('on'));
});
