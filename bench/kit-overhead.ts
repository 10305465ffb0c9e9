/**
 * Kit overhead: one REST call through the kit (request id, access log, auth hook, scope check,
 * zod validation, handler, error envelope machinery) vs a bare Hono handler doing the same work
 * (bearer parse, token hash lookup, the same SELECT), both in-process on one PGlite database,
 * interleaved in the same run. Prints the per-call means and the ratio.
 */
import { Hono } from 'hono';
import { hashToken, openDatabase, migrate } from '@platform/kit';
import { buildSampleApp, mintSampleToken, sampleMigrations } from '../packages/kit/test/sample/sample-server';

export async function kitOverhead(iterations = Number(process.env.BENCH_ITERATIONS ?? 2000)) {
  const database = await openDatabase();
  await migrate(database.db, sampleMigrations);
  const { token } = await mintSampleToken(database.db, ['notes:read']);
  const id = 'note_bench';
  await database.db.insertInto('notes').values({ id, title: 'Bench', body: 'x' }).execute();

  const kitApp = buildSampleApp(database.db);
  const bare = new Hono();
  bare.get('/api/v1/notes/:noteId', async (c) => {
    const header = c.req.header('Authorization') ?? '';
    const credential = header.replace(/^Bearer\s+/i, '');
    const key = await database.db.selectFrom('sample_tokens').selectAll().where('token_hash', '=', hashToken(credential)).executeTakeFirst();
    if (!key || key.revoked || !key.scopes.includes('notes:read')) return c.json({ error: 'unauthorized' }, 401);
    const row = await database.db.selectFrom('notes').selectAll().where('id', '=', c.req.param('noteId')).executeTakeFirst();
    if (!row) return c.json({ error: 'not found' }, 404);
    return c.json({ note: { id: row.id, title: row.title, body: row.body, createdAt: new Date(row.created_at).toISOString() } });
  });

  const request = () => new Request(`http://bench.local/api/v1/notes/${id}`, { headers: { Authorization: `Bearer ${token}` } });
  const once = async (app: { fetch: (r: Request) => Response | Promise<Response> }) => {
    const res = await app.fetch(request());
    if (res.status !== 200) throw new Error(`unexpected status ${res.status}`);
    await res.arrayBuffer();
  };
  // Warm up both paths (JIT, prepared statements, schema caches).
  for (let i = 0; i < 200; i++) {
    await once(kitApp);
    await once(bare);
  }
  let kitNs = 0n;
  let bareNs = 0n;
  for (let i = 0; i < iterations; i++) {
    // Interleave so drift (GC, CPU frequency) hits both equally.
    let t = process.hrtime.bigint();
    await once(kitApp);
    kitNs += process.hrtime.bigint() - t;
    t = process.hrtime.bigint();
    await once(bare);
    bareNs += process.hrtime.bigint() - t;
  }
  await database.close();
  const kitUs = Number(kitNs) / iterations / 1000;
  const bareUs = Number(bareNs) / iterations / 1000;
  return { name: 'kit REST call vs bare Hono handler (same query, PGlite, in-process)', iterations, kitUs, bareUs, ratio: kitUs / bareUs };
}
