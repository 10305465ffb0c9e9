/**
 * @module Hybrid retrieval: PostgreSQL full-text ranking (any query word may match, ranked by
 * ts_rank_cd) fused with dense-vector similarity by reciprocal rank fusion (RRF, k = 60), so a chunk
 * found by both lists wins, and one that shares no word with the question can still be found by meaning.
 */
import type { KnowledgeHit } from '@trainar/api';
import { sql } from 'kysely';
import type { Embedder } from './embedder';
import type { KnowledgeDb } from './tables';
import type { VectorHit, VectorQuery } from './vectors';

export type SearchMode = 'hybrid' | 'lexical' | 'vector';

export interface SearchInput {
  query: string;
  collection_id?: string;
  limit?: number;
}

/** Candidates taken from each list before fusion. */
const CANDIDATES = 50;
const RRF_K = 60;

export interface SearchDeps {
  db: KnowledgeDb;
  embedder: Embedder;
  nearest(q: VectorQuery): Promise<VectorHit[]>;
}

export async function lexicalCandidates(db: KnowledgeDb, tenantId: string, query: string, collectionId: string | undefined, limit: number): Promise<string[]> {
  const collection = collectionId ? sql`and c.knowledge_id in (select id from knowledge_items where tenant_id = ${tenantId} and collection_id = ${collectionId})` : sql``;
  // plainto_tsquery ANDs the words; a question rarely has all its words in one chunk, so OR them and let the rank sort it out.
  const { rows } = await sql<{ id: string }>`with q as (
      select to_tsquery('english', nullif(replace(plainto_tsquery('english', ${query})::text, ' & ', ' | '), '')) as tsq
    )
    select c.id from knowledge_chunks c, q
    where c.tenant_id = ${tenantId} and q.tsq is not null and c.tsv @@ q.tsq ${collection}
    order by ts_rank_cd(c.tsv, q.tsq, 1) desc, c.id limit ${limit}`.execute(db);
  return rows.map((r) => r.id);
}

export async function searchChunks(deps: SearchDeps, tenantId: string, input: SearchInput, mode: SearchMode = 'hybrid'): Promise<KnowledgeHit[]> {
  const limit = input.limit ?? 5;
  const query = input.query.trim();
  if (!query) return [];
  const [lexical, vector] = await Promise.all([
    mode === 'vector' ? [] : lexicalCandidates(deps.db, tenantId, query, input.collection_id, Math.max(CANDIDATES, limit)),
    mode === 'lexical' ? [] : embedQuery(deps, tenantId, query, input.collection_id, Math.max(CANDIDATES, limit)),
  ]);
  const scores = new Map<string, number>();
  for (const list of [lexical, vector]) {
    for (const [rank, id] of list.entries()) scores.set(id, (scores.get(id) ?? 0) + 1 / (RRF_K + rank + 1));
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  if (!ranked.length) return [];
  const { rows } = await sql<{ id: string; knowledge_id: string; file_id: string; text: string; name: string; filename: string; collection_id: string | null }>`
    select c.id, c.knowledge_id, c.file_id, c.text, i.name, f.filename, i.collection_id
    from knowledge_chunks c join knowledge_items i on i.id = c.knowledge_id join knowledge_files f on f.id = c.file_id
    where c.tenant_id = ${tenantId} and c.id = any(${ranked.map(([id]) => id)}::uuid[])`.execute(deps.db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ranked.flatMap(([id, score]) => {
    const r = byId.get(id);
    return r ? [{ chunk_id: r.id, knowledge_id: r.knowledge_id, file_id: r.file_id, document_name: r.name, filename: r.filename, collection_id: r.collection_id, score: Number(score.toFixed(6)), text: r.text }] : [];
  });
}

async function embedQuery(deps: SearchDeps, tenantId: string, query: string, collectionId: string | undefined, limit: number): Promise<string[]> {
  const [vector] = await deps.embedder.embed([query]);
  const hits = await deps.nearest({ tenantId, model: deps.embedder.model, vector, collectionId, limit });
  return hits.map((h) => h.chunkId);
}
