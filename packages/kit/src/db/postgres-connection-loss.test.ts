/**
 * A PostgreSQL connection that dies while the app holds it (a server restart, a terminated backend)
 * fails that query or transaction and nothing else: the process survives (it used to crash on the
 * client's unhandled 'error' event), the failure is a 503 to retry (not a 500), and the pool serves
 * the next query on a new connection. scripts/faults restarts a whole server under load.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type ErrorModel, resolveError } from '../errors/api-error';
import { testDatabaseUrl } from '../testing/test-database';
import { type Database, openDatabase } from './database';

describe.skipIf(!testDatabaseUrl())('PostgreSQL connection loss', () => {
  let database: Database | undefined;
  afterAll(async () => database?.close());

  it('fails the transaction whose connection was terminated with a 503, then serves new queries', async () => {
    database = await openDatabase({ url: testDatabaseUrl(), poolSize: 2 });
    const db = database.db;
    const killer = new pg.Client({ connectionString: testDatabaseUrl() });
    await killer.connect();
    try {
      const inTransaction = db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await killer.query('select pg_terminate_backend($1)', [rows[0].pid]);
        await new Promise((r) => setTimeout(r, 200)); // the client sees its socket close while checked out
        await sql`select 1`.execute(trx);
      });
      const failure = await inTransaction.then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(failure).toBeInstanceOf(Error);
      const codes = { unavailable: 'SERVICE_UNAVAILABLE', internal: 'INTERNAL' } as ErrorModel['codes'];
      const model: ErrorModel = { codes, envelope: (e) => ({ ...e }), parse: () => ({ status: 500, code: 'INTERNAL', message: '' }) };
      expect(resolveError(failure, model)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', headers: { 'Retry-After': '1' } });
      expect(resolveError(new Error('a bug'), model).status).toBe(500);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
      expect(rows).toEqual([{ one: 1 }]);
    } finally {
      await killer.end();
    }
  });
});
