/**
 * The vector backends behind search_knowledge: `auto` (pgvector storage where the database has it,
 * searched in process on the embedded database and by pgvector on a server; else the fallback), the
 * in-process index over packed vectors forced by settings, and pgvector's own scan forced (embedded
 * database only: the PostgreSQL in CI lacks the extension). A question that shares no word with its
 * answer is found by meaning alone, and the warm in-process index follows uploads, deletes and
 * collection moves.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TenantFixture, type TrainArHarness } from '../testing/index';
import { waitForKnowledge } from './testing';

const variants = [
  ['auto', 'pgvector when the database has it; searched in process on the embedded database'],
  ['in-process', 'the fallback for servers without pgvector'],
  // The embedded database always has pgvector; the PostgreSQL in CI does not.
  ...(process.env.TEST_DATABASE_URL ? [] : [['pgvector', "pgvector's own scan in the database"] as const]),
] as const;

describe.each(variants)('vector backend %s (%s)', (backend, _why) => {
  let h: TrainArHarness;
  let t: TenantFixture;
  const docs: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness({ settings: { knowledge: { vectorBackend: backend } } });
    t = await h.createTenant(`Vectors ${backend}`);
    for (const [name, content] of [
      ['Conveyor lockout', 'Before clearing a jam on conveyor C3, switch the isolator at panel DB-4 to OFF and fit your personal padlock.'],
      ['Forklift checks', 'Check the mast chains for stretched links before every shift.'],
      ['Boiler relight', 'Purge the flue for five minutes before relighting the burner.'],
    ]) {
      const item = await h.services.knowledge.upload(t.tenantId, { name, content, auto_process: true });
      await waitForKnowledge(h, t.tenantId, item.id, 60_000);
      docs[name] = item.id;
    }
  }, 120_000);
  afterAll(() => h?.close());

  const vectorOnly = async (query: string, collection_id?: string) => (await h.services.knowledge.search(t.tenantId, { query, limit: 3, collection_id }, 'vector')).map((r) => r.document_name);

  it('uses the backend asked for, and finds a paraphrase by meaning alone', async () => {
    const { rows } = await sql<{ available: boolean }>`select exists (select 1 from pg_available_extensions where name = 'vector') as available`.execute(h.services.knowledge.db);
    const storage = backend === 'pgvector' || (backend === 'auto' && rows[0].available) ? 'pgvector' : 'in-process';
    expect(await h.services.knowledge.vectorBackend()).toBe(storage);
    const embedded = !process.env.TEST_DATABASE_URL;
    expect(await h.services.knowledge.vectorSearch()).toBe(backend === 'pgvector' || (storage === 'pgvector' && !embedded) ? 'database' : 'in-process');
    // No word in common with the answer: only the vector side can find it.
    expect(await h.services.knowledge.search(t.tenantId, { query: 'lock off the belt before freeing a blockage', limit: 3 }, 'lexical')).toEqual([]);
    expect((await vectorOnly('lock off the belt before freeing a blockage'))[0]).toBe('Conveyor lockout');
  });

  it('follows uploads, deletes and collection moves without a restart', async () => {
    expect(await vectorOnly('fork lift truck lifting chain wear')).toContain('Forklift checks');
    await h.services.knowledge.delete(t.tenantId, docs['Forklift checks']);
    expect(await vectorOnly('fork lift truck lifting chain wear')).not.toContain('Forklift checks');

    const added = await h.services.knowledge.upload(t.tenantId, { name: 'Chiller start-up', content: 'Open the condenser water valve before starting the compressor.', auto_process: true });
    await waitForKnowledge(h, t.tenantId, added.id, 60_000);
    expect((await vectorOnly('condenser water valve compressor start'))[0]).toBe('Chiller start-up');

    const safety = await h.services.knowledge.collections.create(t.tenantId, { name: 'Safety' });
    await h.services.knowledge.collections.assign(t.tenantId, docs['Conveyor lockout'], safety.id);
    expect(await vectorOnly('purge the flue', safety.id)).toEqual(['Conveyor lockout']);
    const hybrid = await h.services.knowledge.search(t.tenantId, { query: 'purge the flue before relighting', collection_id: safety.id, limit: 5 });
    expect(hybrid.map((r) => r.document_name)).toEqual(['Conveyor lockout']);
  });
});
