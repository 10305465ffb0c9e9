/**
 * TrainAR knowledge search: hybrid `search_knowledge` (full text + vectors fused by RRF, the offline
 * embedder) p50/p95 at BENCH_KNOWLEDGE_CHUNKS (default 10000,100000) chunks in one tenant, through
 * the service and over HTTP (REST, the same handler the MCP tool runs). Baselines, same run,
 * interleaved: a bare primary-key read of one chunk (the database round trip) and the bare full-text
 * query (the OR'ed tsquery ranked by ts_rank_cd over the GIN index: the lexical half of the search).
 * CPU time per search (this process plus, on PostgreSQL, the server's backends for this database,
 * from /proc: a figure that load on a shared machine inflates far less than wall time), and the
 * recall@5 of the evaluation documents planted in the corpus (quality at this size).
 * Ingest throughput (chunks/s through the real pipeline job: extraction, chunking, embedding,
 * writing vectors) on a separate BENCH_KNOWLEDGE_INGEST_CHUNKS (default 2000) chunks.
 *
 * The large corpora are seeded by bulk insert (chunks of the pipeline's size, vectors from the same
 * embedder) so a 100k run takes minutes, not an hour: see SyntheticCorpus for the text; the queries
 * are the retrieval evaluation's.
 *
 * PostgreSQL when TEST_DATABASE_URL (or BENCH_DATABASE_URL) is set (pgvector if the server has it,
 * else the in-process index), else PGlite with pgvector (searched by the in-process index).
 * BENCH_KNOWLEDGE_BACKEND=in-process forces the fallback, =pgvector pgvector's own scan.
 * Standalone: `npx tsx bench/knowledge.ts`.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { type JobContext, systemClock } from '@platform/kit';
import { sql } from 'kysely';
import { loadEvalSet } from '../packages/trainar-server/src/knowledge/evaluation';
import { PROCESS_FILE_JOB } from '../packages/trainar-server/src/knowledge/job-kinds';
import { knowledgeJobHandlers } from '../packages/trainar-server/src/knowledge/pipeline';
import { lexicalCandidates } from '../packages/trainar-server/src/knowledge/search';
import type { KnowledgeService } from '../packages/trainar-server/src/knowledge/service';
import { packVectorHex, vectorLiteral } from '../packages/trainar-server/src/knowledge/vectors';
import type { TrainArSettings } from '../packages/trainar-server/src/platform/deps';
import { startHarness } from '../packages/trainar-server/src/testing/index';
import { percentile } from './bench-database';

const CHUNKS_PER_FILE = 500;
const SEED_BATCH = 1000;

if (process.env.BENCH_DATABASE_URL && !process.env.TEST_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same corpus. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Text with a real library's word statistics rather than a few sentences repeated: words drawn from a
 * Zipf distribution (s = 1.07) over 50,000 words, where the evaluation documents' words take every
 * fourth rank from the top in their own frequency order (so a question's words are as common as in
 * a real manual: the commonest in several percent of chunks) and made-up words fill the rest. Each evaluation document is also planted, whole, in two chunks.
 */
export class SyntheticCorpus {
  private readonly vocabulary: string[];
  private readonly cumulative: Float64Array;
  private readonly planted = new Map<number, string>();

  constructor(docs: Array<{ title: string; text: string }>, chunks: number) {
    const counts = new Map<string, number>();
    for (const d of docs) for (const w of `${d.title} ${d.text}`.toLowerCase().match(/[a-z][a-z-]+/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
    const real = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
    const size = 50_000;
    const syllables = 'ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo za ze zi zo'.split(
      ' ',
    );
    const made = (n: number) => `${syllables[n % 60]}${syllables[Math.floor(n / 60) % 60]}${syllables[Math.floor(n / 3600) % 60]}${n >= 216_000 ? 'x' : ''}`;
    const stride = 4;
    this.vocabulary = [];
    let next = 0;
    for (let rank = 0; rank < size; rank++) this.vocabulary.push(rank % stride === 0 && rank / stride < real.length ? real[rank / stride] : made(next++));
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let r = 0; r < size; r++) this.cumulative[r] = total += 1 / (r + 1) ** 1.07;
    const step = Math.max(1, Math.floor(chunks / (docs.length * 2)));
    docs.forEach((d, i) => {
      for (const copy of [0, 1]) {
        const at = (i * 2 + copy) * step;
        if (at < chunks) this.planted.set(at, `${d.title}. ${d.text}`);
      }
    });
  }

  private word(u: number): string {
    const target = u * this.cumulative[this.cumulative.length - 1];
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return this.vocabulary[lo];
  }

  /** Chunk n: a heading, about 140 words in sentences of 8 to 20, and a part number. */
  text(n: number, title: string): string {
    const next = random(n + 1);
    const sentences: string[] = [];
    for (let words = 0; words < 140; ) {
      const length = 8 + Math.floor(next() * 13);
      const sentence = Array.from({ length }, () => this.word(next())).join(' ');
      sentences.push(`${sentence[0].toUpperCase()}${sentence.slice(1)}.`);
      words += length;
    }
    const planted = this.planted.get(n);
    if (planted) sentences.splice(2, sentences.length - 4, planted);
    return `## ${title}, section ${n % CHUNKS_PER_FILE}\n\n${sentences.join(' ')}\nPart PN-${n}.`;
  }
}

/** Items, files and embedded chunks written straight into the tables the pipeline writes. */
export async function seed(knowledge: KnowledgeService, tenantId: string, chunks: number, corpus: SyntheticCorpus, titles: string[]): Promise<number> {
  const db = knowledge.db;
  const backend = await knowledge.vectorBackend();
  const { embedder } = knowledge.options;
  const started = performance.now();
  for (let f = 0; f * CHUNKS_PER_FILE < chunks; f++) {
    const itemId = crypto.randomUUID();
    const fileId = crypto.randomUUID();
    const count = Math.min(CHUNKS_PER_FILE, chunks - f * CHUNKS_PER_FILE);
    const now = new Date();
    await db
      .insertInto('knowledge_items')
      .values({ id: itemId, tenant_id: tenantId, name: `${titles[f % titles.length]} manual ${f}`, description: null, collection_id: null, folder_id: null, created_at: now, updated_at: now })
      .execute();
    await db
      .insertInto('knowledge_files')
      .values({
        id: fileId,
        tenant_id: tenantId,
        knowledge_id: itemId,
        filename: `manual-${f}.md`,
        mime_type: 'text/markdown',
        size_bytes: 1,
        content: new Uint8Array([32]),
        status: 'ready',
        error: null,
        chunk_count: count,
        metadata: sql`'{}'::jsonb` as never,
        created_at: now,
        processed_at: now,
      })
      .execute();
    for (let start = 0; start < count; start += SEED_BATCH) {
      const n = Math.min(SEED_BATCH, count - start);
      const texts = Array.from({ length: n }, (_, i) => corpus.text(f * CHUNKS_PER_FILE + start + i, titles[f % titles.length]));
      const vectors = (await embedder.embed(texts)).map((v) => (backend === 'pgvector' ? vectorLiteral(v) : packVectorHex(v)));
      const value = backend === 'pgvector' ? sql`v.vec::vector` : sql`decode(v.vec, 'hex')`;
      const column = backend === 'pgvector' ? sql`embedding_vec` : sql`embedding_f32`;
      await sql`insert into knowledge_chunks (id, tenant_id, file_id, knowledge_id, ordinal, text, ${column}, embedding_model)
        select gen_random_uuid(), ${tenantId}, ${fileId}, ${itemId}, v.ordinal, v.text, ${value}, ${embedder.model}
        from unnest(${Array.from({ length: n }, (_, i) => start + i)}::int[], ${texts}::text[], ${vectors}::text[]) as v(ordinal, text, vec)`.execute(db);
    }
  }
  await sql`insert into knowledge_index_versions (tenant_id, version) values (${tenantId}, 1) on conflict (tenant_id) do update set version = knowledge_index_versions.version + 1`.execute(db);
  // As autovacuum would leave it: statistics, and the GIN index's pending list merged.
  await sql`vacuum analyze knowledge_chunks`.execute(db);
  return Math.round(chunks / ((performance.now() - started) / 1000));
}

/** Chunks per second through the real pipeline job, on files shaped like a manual. */
async function ingest(knowledge: KnowledgeService, tenantId: string, chunks: number, corpus: SyntheticCorpus): Promise<number> {
  const handler = knowledgeJobHandlers(knowledge)[PROCESS_FILE_JOB];
  const ctx = { workerId: 'bench', signal: new AbortController().signal, clock: systemClock, completeIn: async () => {} } as JobContext;
  let stored = 0;
  let ms = 0;
  for (let f = 0; stored < chunks; f++) {
    const sections = Array.from({ length: 100 }, (_, s) => corpus.text(f * 100 + s, `Manual ${f}`));
    const item = await knowledge.upload(tenantId, { name: `Ingest ${f}`, content: sections.join('\n\n'), filename: `ingest-${f}.md`, auto_process: false });
    const fileId = item.files[0].id;
    await knowledge.db.updateTable('knowledge_files').set({ status: 'queued' }).where('id', '=', fileId).execute();
    const t = performance.now();
    await handler({ id: f, kind: PROCESS_FILE_JOB, payload: { tenant_id: tenantId, file_id: fileId }, attempt: 1, maxAttempts: 1, runAt: new Date(), createdAt: new Date(), dedupeKey: null }, ctx);
    ms += performance.now() - t;
    const row = await knowledge.db.selectFrom('knowledge_files').select(['status', 'chunk_count', 'error']).where('id', '=', fileId).executeTakeFirstOrThrow();
    if (row.status !== 'ready') throw new Error(`ingest file ${f} ended ${row.status}: ${row.error}`);
    stored += row.chunk_count;
  }
  return Math.round(stored / (ms / 1000));
}

/**
 * CPU time (ms) used so far by the PostgreSQL backends connected to this database, read from /proc
 * (the server runs on this machine; undefined otherwise). CPU time, unlike wall time, barely grows
 * when other processes compete for the cores.
 */
async function backendCpuMs(db: KnowledgeService['db']): Promise<number | undefined> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      return undefined;
    }
  }
  return ticks * 10; // USER_HZ = 100
}

const processCpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const timed = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

async function benchSize(chunks: number, iterations: number, ingestChunks: number) {
  const settings: Partial<TrainArSettings> = process.env.BENCH_KNOWLEDGE_BACKEND ? { knowledge: { vectorBackend: process.env.BENCH_KNOWLEDGE_BACKEND as 'in-process' } } : {};
  const h = await startHarness({ settings });
  try {
    const knowledge = h.services.knowledge;
    const t = await h.createTenant('Knowledge bench');
    const { key } = await h.createKey(t.tenantId, ['read:knowledge']);
    const { docs, queries } = loadEvalSet();
    const corpus = new SyntheticCorpus(docs, chunks);
    const titles = docs.map((d) => d.title);
    const driver = process.env.TEST_DATABASE_URL ? 'postgresql' : 'pglite';
    const seedChunksPerSec = await seed(knowledge, t.tenantId, chunks, corpus, titles);
    const backend = await knowledge.vectorBackend();
    const firstSearchMs = await timed(() => knowledge.search(t.tenantId, { query: queries[0].query }));
    const { id: someChunk } = await knowledge.db.selectFrom('knowledge_chunks').select('id').where('tenant_id', '=', t.tenantId).limit(1).executeTakeFirstOrThrow();
    const byKey = () => knowledge.db.selectFrom('knowledge_chunks').select(['id', 'text']).where('tenant_id', '=', t.tenantId).where('id', '=', someChunk).execute();
    const viaHttp = async (query: string) => {
      const res = await fetch(`${h.url}/v1/api-tenant-knowledge-search?${new URLSearchParams({ query, limit: '5' })}`, { headers: { Authorization: `Bearer ${key}` } });
      if (res.status !== 200) throw new Error(`search over HTTP: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    for (let i = 0; i < 20; i++) {
      await knowledge.search(t.tenantId, { query: queries[i % queries.length].query });
      await viaHttp(queries[i % queries.length].query);
    }
    const samples = { service: [] as number[], http: [] as number[], fullText: [] as number[], primaryKey: [] as number[] };
    const load = loadavg()[0];
    for (let i = 0; i < iterations; i++) {
      const q = queries[i % queries.length].query;
      samples.primaryKey.push(await timed(byKey));
      samples.fullText.push(await timed(() => lexicalCandidates(knowledge.db, t.tenantId, q, undefined, 50)));
      samples.service.push(await timed(() => knowledge.search(t.tenantId, { query: q, limit: 5 })));
      samples.http.push(await timed(() => viaHttp(q)));
    }
    // CPU per search: this process (the service; on PGlite the database too) plus, on PostgreSQL,
    // the server's backends. Searches only, one after another.
    const cpuSearches = Math.min(iterations, 140);
    const [node0, db0] = [processCpuMs(), driver === 'postgresql' ? await backendCpuMs(knowledge.db) : 0];
    for (let i = 0; i < cpuSearches; i++) await knowledge.search(t.tenantId, { query: queries[i % queries.length].query, limit: 5 });
    const [node1, db1] = [processCpuMs(), driver === 'postgresql' ? await backendCpuMs(knowledge.db) : 0];
    const searchCpuMs = db0 === undefined || db1 === undefined ? undefined : (node1 - node0 + db1 - db0) / cpuSearches;
    // Quality at this size: the evaluation documents are planted in the corpus; a hit is a chunk holding one.
    const planted = new Map(docs.map((d) => [d.id, d.text.slice(0, 80)]));
    let found = 0;
    for (const q of queries) {
      const hits = await knowledge.search(t.tenantId, { query: q.query, limit: 5 });
      if (hits.some((hit) => q.relevant.some((id) => hit.text.includes(planted.get(id) as string)))) found++;
    }
    for (const list of Object.values(samples)) list.sort((a, b) => a - b);
    const p = (list: number[], n: number) => percentile(list, n);
    const ingestChunksPerSec = ingestChunks > 0 ? await ingest(knowledge, (await h.createTenant('Ingest bench')).tenantId, ingestChunks, corpus) : undefined;
    return {
      driver,
      backend,
      vectorSearch: await knowledge.vectorSearch(),
      chunks,
      loadAverage1m: load,
      searchP50Ms: p(samples.service, 50),
      searchP95Ms: p(samples.service, 95),
      httpP50Ms: p(samples.http, 50),
      httpP95Ms: p(samples.http, 95),
      fullTextP50Ms: p(samples.fullText, 50),
      fullTextP95Ms: p(samples.fullText, 95),
      primaryKeyP50Ms: p(samples.primaryKey, 50),
      searchToFullTextP95: p(samples.service, 95) / p(samples.fullText, 95),
      searchToPrimaryKeyP50: p(samples.service, 50) / p(samples.primaryKey, 50),
      ...(searchCpuMs === undefined ? {} : { searchCpuMs }),
      ...(driver === 'postgresql' && searchCpuMs !== undefined ? { searchDatabaseCpuMs: ((db1 as number) - (db0 as number)) / cpuSearches } : {}),
      plantedRecallAt5: found / queries.length,
      firstSearchMs,
      seedChunksPerSec,
      ...(ingestChunksPerSec === undefined ? {} : { ingestChunksPerSec }),
    };
  } finally {
    await h.close();
  }
}

export async function knowledgeBench(): Promise<Record<string, unknown>> {
  const sizes = (process.env.BENCH_KNOWLEDGE_CHUNKS ?? '10000,100000').split(',').map(Number);
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 200);
  const ingestChunks = Number(process.env.BENCH_KNOWLEDGE_INGEST_CHUNKS ?? 2000);
  const out: Record<string, unknown> = {};
  for (const [i, size] of sizes.entries()) {
    const r = await benchSize(size, iterations, i === 0 ? ingestChunks : 0);
    for (const [k, v] of Object.entries(r)) out[`${size}.${k}`] = v;
    // A 100k run takes a while: each size's figures as soon as they exist.
    process.stderr.write(`knowledge ${size}: ${JSON.stringify(r)}\n`);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.env.LOG_LEVEL ??= 'silent';
  const result = await knowledgeBench();
  for (const [k, v] of Object.entries(result)) process.stdout.write(`${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : v}\n`);
  // Something the harness opens keeps the event loop alive after close (not tracked down yet).
  process.exit(0);
}
