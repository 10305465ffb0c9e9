/**
 * TrainAR knowledge search: hybrid `search_knowledge` (full text + vectors fused by RRF, the offline
 * embedder) p50/p95 at BENCH_KNOWLEDGE_CHUNKS (default 10000,100000) chunks in one tenant, and ingest
 * throughput (chunks/s through the real pipeline: chunking, embedding, writing vectors). Baseline,
 * same run, interleaved: the plain full-text query alone (ts_rank over the GIN index, no vectors).
 * PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (pgvector if the server has it,
 * else the in-process index), else in-memory PGlite with pgvector.
 *
 * Standalone: `npx tsx bench/knowledge.ts`.
 */
import { pathToFileURL } from 'node:url';
import { type JobContext, systemClock } from '@platform/kit';
import { sql } from 'kysely';
import type { ServiceDeps } from '../packages/trainar-server/src/deps';
import { loadEvalSet } from '../packages/trainar-server/src/knowledge/evaluation';
import { PROCESS_FILE_JOB } from '../packages/trainar-server/src/knowledge/job-kinds';
import { knowledgeJobHandlers } from '../packages/trainar-server/src/knowledge/pipeline';
import { lexicalCandidates } from '../packages/trainar-server/src/knowledge/search';
import { KnowledgeService } from '../packages/trainar-server/src/knowledge/service';
import { trainarMigrations } from '../packages/trainar-server/src/migrations';
import { openBenchDatabase, percentile } from './bench-database';

const SECTIONS_PER_FILE = 500;

/** Deterministic corpus: sections of three sentences from the evaluation documents plus a unique tag. */
function corpusFile(fileNo: number, sentences: string[]): string {
  const parts: string[] = [];
  for (let s = 0; s < SECTIONS_PER_FILE; s++) {
    const n = fileNo * SECTIONS_PER_FILE + s;
    const pick = (k: number) => sentences[(n * 7919 + k * 104729) % sentences.length];
    parts.push(`## Section ${n}\n\n${pick(1)} ${pick(2)} ${pick(3)} Reference unit-${n}.`);
  }
  return parts.join('\n\n');
}

async function benchSize(chunks: number, iterations: number) {
  const bench = await openBenchDatabase('knowledge', trainarMigrations, 10);
  try {
    const db = bench.database.db;
    const deps = { db, clock: systemClock, settings: { inviteTtlHours: 1, apiRateLimitPerMinute: 0, knowledge: {} } } as unknown as ServiceDeps;
    const knowledge = new KnowledgeService(deps);
    const tenantId = crypto.randomUUID();
    await sql`insert into tenants (id, name, timezone, language, status, created_at, updated_at) values (${tenantId}, 'Bench', 'UTC', 'en', 'active', now(), now())`.execute(db);
    const { docs, queries } = loadEvalSet();
    const sentences = docs.flatMap((d) => d.text.split(/(?<=\.)\s+/));
    const handler = knowledgeJobHandlers(knowledge)[PROCESS_FILE_JOB];
    const ctx = { workerId: 'bench', signal: new AbortController().signal, clock: systemClock, completeIn: async () => {} } as JobContext;
    const files = Math.ceil(chunks / SECTIONS_PER_FILE);
    let ingestMs = 0;
    for (let f = 0; f < files; f++) {
      const item = await knowledge.upload(tenantId, { name: `Manual ${f}`, content: corpusFile(f, sentences), filename: `manual-${f}.md`, auto_process: false });
      const fileId = item.files[0].id;
      await db
        .updateTable('knowledge_files' as never)
        .set({ status: 'queued' } as never)
        .where('id' as never, '=', fileId as never)
        .execute();
      const t = performance.now();
      await handler({ id: f, kind: PROCESS_FILE_JOB, payload: { tenant_id: tenantId, file_id: fileId }, attempt: 1, maxAttempts: 1, runAt: new Date(), createdAt: new Date(), dedupeKey: null }, ctx);
      ingestMs += performance.now() - t;
    }
    const { rows } = await sql<{ n: string }>`select count(*) as n from knowledge_chunks where tenant_id = ${tenantId} and embedding_model is not null`.execute(db);
    const stored = Number(rows[0].n);
    await sql`analyze`.execute(db);
    const backend = await knowledge.vectorBackend();
    let t = performance.now();
    await knowledge.search(tenantId, { query: queries[0].query });
    const firstSearchMs = performance.now() - t;
    for (let i = 0; i < 20; i++) await knowledge.search(tenantId, { query: queries[i % queries.length].query });
    const hybridMs: number[] = [];
    const lexicalMs: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const q = queries[i % queries.length].query;
      t = performance.now();
      await lexicalCandidates(knowledge.db, tenantId, q, undefined, 5);
      lexicalMs.push(performance.now() - t);
      t = performance.now();
      await knowledge.search(tenantId, { query: q, limit: 5 });
      hybridMs.push(performance.now() - t);
    }
    hybridMs.sort((a, b) => a - b);
    lexicalMs.sort((a, b) => a - b);
    return {
      driver: bench.driver,
      backend,
      chunks: stored,
      ingestChunksPerSec: Math.round((stored / ingestMs) * 1000),
      firstSearchMs,
      hybridP50Ms: percentile(hybridMs, 50),
      hybridP95Ms: percentile(hybridMs, 95),
      fullTextP50Ms: percentile(lexicalMs, 50),
      fullTextP95Ms: percentile(lexicalMs, 95),
      p95Ratio: percentile(hybridMs, 95) / percentile(lexicalMs, 95),
    };
  } finally {
    await bench.drop();
  }
}

export async function knowledgeBench(): Promise<Record<string, unknown>> {
  const sizes = (process.env.BENCH_KNOWLEDGE_CHUNKS ?? '10000,100000').split(',').map(Number);
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 200);
  const out: Record<string, unknown> = {};
  for (const size of sizes) {
    const r = await benchSize(size, iterations);
    for (const [k, v] of Object.entries(r)) out[`${size}.${k}`] = v;
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await knowledgeBench();
  for (const [k, v] of Object.entries(result)) process.stdout.write(`${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : v}\n`);
}
