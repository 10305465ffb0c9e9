/**
 * The pipeline survives a crash mid-embedding (the kit re-runs the job; it resumes with the chunks
 * still missing vectors, without re-extracting), and search works on the in-process vector fallback
 * used where PostgreSQL lacks pgvector.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type TrainArHarness } from '../testing/index';
import { ConceptHashEmbedder, type Embedder } from './embedder';
import { waitForKnowledge } from './testing';

/** The offline embedder, failing once on its `failOnCall`-th call the way a dying worker would stop. */
class CrashOnceEmbedder implements Embedder {
  readonly model = new ConceptHashEmbedder().model;
  private readonly inner = new ConceptHashEmbedder();
  calls = 0;
  embedded: string[] = [];
  crashed = false;
  constructor(private readonly failOnCall: number) {}
  async embed(texts: string[]) {
    this.calls++;
    if (this.calls === this.failOnCall && !this.crashed) {
      this.crashed = true;
      throw new Error('worker killed (simulated)');
    }
    this.embedded.push(...texts);
    return this.inner.embed(texts);
  }
}

const manual = Array.from({ length: 8 }, (_, i) => `## Step ${i + 1}\n\n${'Check the guard, the isolator and the belt. '.repeat(3)}Step ${i + 1} detail.`).join('\n\n');

describe('crash mid-pipeline', () => {
  let h: TrainArHarness;
  const embedder = new CrashOnceEmbedder(2);
  beforeAll(async () => {
    h = await startHarness({ settings: { knowledge: { embedder, embedBatchSize: 2 } } });
  });
  afterAll(() => h?.close());

  it('resumes embedding where it stopped, keeping the chunks and vectors already written', async () => {
    const t = await h.createTenant();
    const item = await h.services.knowledge.upload(t.tenantId, { name: 'Line manual', content: manual, auto_process: true });
    const worker = h.app.extra.worker as { wake(): void };
    const db = h.services.knowledge.db;
    const jobState = async () => (await sql<{ status: string; attempts: number }>`select status, attempts from jobs where kind = 'knowledge.process_file'`.execute(db)).rows[0];
    for (let i = 0; i < 400 && !((await jobState())?.status === 'pending' && (await jobState())?.attempts === 1); i++) {
      worker.wake();
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(embedder.crashed).toBe(true);
    const mid = await h.services.knowledge.get(t.tenantId, item.id);
    expect(mid.status).toBe('embedding');
    const chunksAtCrash = await db.selectFrom('knowledge_chunks').select(['id', 'embedding_model']).where('knowledge_id', '=', item.id).orderBy('ordinal').execute();
    expect(chunksAtCrash.length).toBe(8);
    expect(chunksAtCrash.filter((c) => c.embedding_model !== null)).toHaveLength(2);

    h.clock.advance(10 * 60_000); // past the retry backoff
    const done = await waitForKnowledge(h, t.tenantId, item.id);
    expect(done, JSON.stringify(done.files)).toMatchObject({ status: 'ready', chunk_count: 8 });
    const after = await db.selectFrom('knowledge_chunks').select(['id', 'embedding_model']).where('knowledge_id', '=', item.id).orderBy('ordinal').execute();
    expect(after.map((c) => c.id)).toEqual(chunksAtCrash.map((c) => c.id)); // not re-extracted
    expect(after.every((c) => c.embedding_model !== null)).toBe(true);
    expect(embedder.embedded).toHaveLength(8); // each chunk embedded exactly once
    expect(await jobState()).toMatchObject({ status: 'done', attempts: 2 });
  });
});

describe('in-process vector fallback (PostgreSQL without pgvector)', () => {
  let h: TrainArHarness;
  beforeAll(async () => {
    h = await startHarness({ settings: { knowledge: { vectorBackend: 'in-process' } } });
  });
  afterAll(() => h?.close());

  it('finds by meaning, sees new documents and forgets deleted ones', async () => {
    const t = await h.createTenant();
    const k = h.services.knowledge;
    expect(await k.vectorBackend()).toBe('in-process');
    const a = await k.upload(t.tenantId, { name: 'Ear protection', content: 'Areas above 85 dB(A) need ear defenders or foam plugs.', auto_process: true });
    await waitForKnowledge(h, t.tenantId, a.id);
    const first = await k.search(t.tenantId, { query: 'it is too noisy here' }, 'vector');
    expect(first[0].document_name).toBe('Ear protection');
    const b = await k.upload(t.tenantId, { name: 'Respirators', content: 'FFP3 masks must be face-fit tested.', auto_process: true });
    await waitForKnowledge(h, t.tenantId, b.id);
    expect((await k.search(t.tenantId, { query: 'breathing protection for dust' }, 'vector'))[0].document_name).toBe('Respirators');
    await k.delete(t.tenantId, b.id);
    expect((await k.search(t.tenantId, { query: 'breathing protection for dust' }, 'vector')).map((r) => r.document_name)).not.toContain('Respirators');
    const other = await h.createTenant();
    expect(await k.search(other.tenantId, { query: 'too noisy' })).toEqual([]);
  });
});
