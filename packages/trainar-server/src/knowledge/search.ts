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
  queryVectors?: QueryVectorCache;
}

/**
 * Results of recent questions (the glasses ask the same things again): least recently used dropped
 * first; a failed computation is not remembered, so the next search tries again.
 */
export class RecentResults<T> {
  private readonly entries = new Map<string, Promise<T>>();
  constructor(private readonly capacity: number) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const value = compute();
    value.catch(() => this.entries.delete(key));
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}

/** Question vectors by model and text: a remote embedder costs a round trip per new question only. */
export class QueryVectorCache extends RecentResults<number[]> {
  constructor() {
    super(512);
  }

  vector(embedder: Embedder, text: string): Promise<number[]> {
    return this.get(`${embedder.model}\u0000${text}`, () => embedder.embed([text]).then(([v]) => v));
  }
}

/** Query words beyond this many are ignored by the full-text side (a question, not a document). */
const MAX_TERMS = 12;

const recentTerms = new RecentResults<string[]>(1024);

/** The query's lexemes as PostgreSQL's english configuration makes them. */
function queryTerms(db: KnowledgeDb, query: string): Promise<string[]> {
  return recentTerms.get(query, () => sql<{ terms: string[] }>`select tsvector_to_array(to_tsvector('english', ${query})) as terms`.execute(db).then(({ rows }) => (rows[0]?.terms ?? []).slice(0, MAX_TERMS)));
}

/** A tsquery (already-normalised lexemes) matching chunks that contain at least `k` of `terms`. */
export function atLeast(terms: string[], k: number): string {
  const quoted = terms.map((t) => `'${t.replace(/'/g, "''")}'`);
  if (k <= 1) return quoted.join(' | ');
  if (k >= terms.length) return quoted.join(' & ');
  const groups: string[] = [];
  const pick = (from: number, chosen: string[]) => {
    if (chosen.length === k) return void groups.push(`(${chosen.join(' & ')})`);
    for (let i = from; i <= quoted.length - (k - chosen.length); i++) pick(i + 1, [...chosen, quoted[i]]);
  };
  pick(0, []);
  return groups.join(' | ');
}

/**
 * Full-text candidates, best first: chunks matching more of the query's words first (coordination
 * level), then ts_rank_cd. Any word may match (a question rarely has all its words in one chunk), but
 * ranking every chunk that shares one common word costs a row read per match, so the levels run from
 * strict to loose (at least 3 words, at least 2, any) and stop at the first that fills `limit`:
 * a looser level could only add chunks that rank below the ones already found.
 */
export async function lexicalCandidates(db: KnowledgeDb, tenantId: string, query: string, collectionId: string | undefined, limit: number): Promise<string[]> {
  const terms = await queryTerms(db, query);
  if (!terms.length) return [];
  const collection = collectionId ? sql`and c.knowledge_id in (select id from knowledge_items where tenant_id = ${tenantId} and collection_id = ${collectionId})` : sql``;
  const matched = sql.join(
    terms.map((t) => sql`(c.tsv @@ ${atLeast([t], 1)}::tsquery)::int`),
    sql` + `,
  );
  // No "all words" level: "at least 3" already ranks chunks with every word first.
  const levels = [...new Set([Math.min(3, terms.length), Math.min(2, terms.length), 1])];
  let ids: string[] = [];
  for (const level of levels) {
    const { rows } = await sql<{ id: string }>`select c.id from knowledge_chunks c
      where c.tenant_id = ${tenantId} and c.tsv @@ ${atLeast(terms, level)}::tsquery ${collection}
      order by ${matched} desc, ts_rank_cd(c.tsv, ${atLeast(terms, 1)}::tsquery, 1) desc, c.id limit ${limit}`.execute(db);
    ids = rows.map((r) => r.id);
    if (ids.length >= limit) break;
  }
  return ids;
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
  const ranked = [...scores.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    // Twice what is wanted: a chunk deleted (or moved out of the collection) since the in-process
    // index last loaded drops out below, and the next one takes its place.
    .slice(0, limit * 2);
  if (!ranked.length) return [];
  const { rows } = await sql<{ id: string; knowledge_id: string; file_id: string; text: string; name: string; filename: string; collection_id: string | null }>`
    select c.id, c.knowledge_id, c.file_id, c.text, i.name, f.filename, i.collection_id
    from knowledge_chunks c join knowledge_items i on i.id = c.knowledge_id join knowledge_files f on f.id = c.file_id
    where c.tenant_id = ${tenantId} and c.id = any(${ranked.map(([id]) => id)}::uuid[]) ${input.collection_id ? sql`and i.collection_id = ${input.collection_id}` : sql``}`.execute(deps.db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ranked
    .flatMap(([id, score]) => {
      const r = byId.get(id);
      return r ? [{ chunk_id: r.id, knowledge_id: r.knowledge_id, file_id: r.file_id, document_name: r.name, filename: r.filename, collection_id: r.collection_id, score: Number(score.toFixed(6)), text: r.text }] : [];
    })
    .slice(0, limit);
}

async function embedQuery(deps: SearchDeps, tenantId: string, query: string, collectionId: string | undefined, limit: number): Promise<string[]> {
  const vector = deps.queryVectors ? await deps.queryVectors.vector(deps.embedder, query) : (await deps.embedder.embed([query]))[0];
  const hits = await deps.nearest({ tenantId, model: deps.embedder.model, vector, collectionId, limit });
  return hits.map((h) => h.chunkId);
}
