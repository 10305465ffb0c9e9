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

/**
 * Chunks the full-text side ranks per search, at most (about): ranking costs a heap read and a
 * ts_rank_cd per matching chunk (~7 µs on an idle PostgreSQL), so in a large library a question's
 * common words ("work", "check") would otherwise rank tens of thousands of chunks.
 */
export const RANKING_BUDGET = 2_000;

/** How long the word statistics are trusted (they steer cost, never which chunks are visible). */
const STATISTICS_TTL_MS = 5 * 60_000;

const recentTerms = new RecentResults<string[]>(1024);

interface WordStatistics {
  at: number;
  /** Share of all chunks containing the lexeme, for the commonest ~1,000 (PostgreSQL's statistics). */
  share: Map<string, number>;
  /** The planner's estimate of each tenant's chunks. */
  tenantChunks: Map<string, number>;
}
const statisticsByDatabase = new WeakMap<KnowledgeDb, WordStatistics>();

/** The query's lexemes as PostgreSQL's english configuration makes them. */
function queryTerms(db: KnowledgeDb, query: string): Promise<string[]> {
  return recentTerms.get(query, () => sql<{ terms: string[] }>`select tsvector_to_array(to_tsvector('english', ${query})) as terms`.execute(db).then(({ rows }) => (rows[0]?.terms ?? []).slice(0, MAX_TERMS)));
}

const quote = (term: string) => `'${term.replace(/'/g, "''")}'`;

/** A tsquery (already-normalised lexemes) matching chunks that contain at least `k` of `terms`. */
export function atLeast(terms: string[], k: number): string {
  const quoted = terms.map(quote);
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
 * How many of the tenant's chunks contain each word, estimated without reading a row: PostgreSQL's
 * statistics on `tsv` (ANALYZE keeps the ~1,000 commonest lexemes with the share of rows holding
 * each) times the planner's estimate of the tenant's chunks. A word missing from that list (rarer
 * than its last entry, ~1% of chunks) counts as 0, and so does every word of a table never analysed.
 * Read once per process every few minutes.
 */
async function estimatedChunks(db: KnowledgeDb, tenantId: string, terms: string[]): Promise<Map<string, number>> {
  let statistics = statisticsByDatabase.get(db);
  if (!statistics || Date.now() - statistics.at > STATISTICS_TTL_MS) {
    const { rows } = await sql<{ words: string[] | null; shares: number[] | null }>`select s.most_common_elems::text::text[] as words, s.most_common_elem_freqs as shares
      from pg_stats s where s.schemaname = current_schema() and s.tablename = 'knowledge_chunks' and s.attname = 'tsv'`.execute(db);
    const { words, shares } = rows[0] ?? {};
    statistics = { at: Date.now(), share: new Map((words ?? []).map((w, i) => [w, Number(shares?.[i] ?? 0)])), tenantChunks: new Map() };
    statisticsByDatabase.set(db, statistics);
  }
  if (!statistics.share.size) return new Map();
  let tenantChunks = statistics.tenantChunks.get(tenantId);
  if (tenantChunks === undefined) {
    const { rows } = await sql<{ 'QUERY PLAN': unknown }>`explain (format json) select 1 from knowledge_chunks where tenant_id = ${tenantId}`.execute(db);
    const raw = rows[0]?.['QUERY PLAN'];
    tenantChunks = Number((typeof raw === 'string' ? JSON.parse(raw) : raw)?.[0]?.Plan?.['Plan Rows'] ?? 0);
    statistics.tenantChunks.set(tenantId, tenantChunks);
  }
  return new Map(terms.map((t) => [t, Math.round((statistics.share.get(t) ?? 0) * (tenantChunks as number))]));
}

/**
 * The words that pick full-text candidates: the rarest first, while together they match at most
 * `RANKING_BUDGET` chunks (words rarer than the statistics list always pick). A chunk
 * that has only words left out (each in thousands of chunks) is then not a full-text candidate; it
 * is still ranked when it also has a chosen word, and the vector side can still find it. When the
 * chosen words are expected to match nothing, chunks with all the common words are candidates too.
 */
export function candidateQuery(terms: string[], frequencies: Map<string, number>): string {
  const count = (t: string) => frequencies.get(t) ?? 0;
  const byRarity = [...terms].sort((a, b) => count(a) - count(b));
  let rows = 0;
  let chosen = 0;
  while (chosen < byRarity.length && rows + count(byRarity[chosen]) <= RANKING_BUDGET) rows += count(byRarity[chosen++]);
  const parts = byRarity.slice(0, chosen).map(quote);
  const common = byRarity.slice(chosen);
  // Rare words expected to match nothing: chunks with every common word (an intersection, so few).
  // A question of common words only ranks the first chunks found (lexicalCandidates' inner limit).
  if (common.length && (!parts.length || (rows === 0 && common.length > 1))) parts.push(`(${atLeast(common, common.length)})`);
  return parts.join(' | ');
}

/**
 * Full-text candidates, best first: chunks matching more of the query's words first (coordination
 * level), then ts_rank_cd. Any word may match (a question rarely has all its words in one chunk), but
 * ranking costs a row read per match, so the levels run from strict to loose (at least 3 words, at
 * least 2, any) and stop at the first that fills `limit`: a looser level could only add chunks that
 * rank below the ones already found. The strict levels are intersections the GIN index answers with
 * few rows; the loosest is picked by `candidateQuery` (rare words only), so no level ranks
 * tens of thousands of chunks however large the library.
 */
export async function lexicalCandidates(db: KnowledgeDb, tenantId: string, query: string, collectionId: string | undefined, limit: number): Promise<string[]> {
  const terms = await queryTerms(db, query);
  if (!terms.length) return [];
  const collection = collectionId ? sql`and c.knowledge_id in (select id from knowledge_items where tenant_id = ${tenantId} and collection_id = ${collectionId})` : sql``;
  const matched = sql.join(
    terms.map((t) => sql`(c.tsv @@ ${quote(t)}::tsquery)::int`),
    sql` + `,
  );
  // No "all words" level: "at least 3" already ranks chunks with every word first.
  const strict = [...new Set([Math.min(3, terms.length), Math.min(2, terms.length)])].filter((k) => k > 1).map((k) => atLeast(terms, k));
  const levels = [...strict, async () => candidateQuery(terms, await estimatedChunks(db, tenantId, terms))];
  let ids: string[] = [];
  for (const level of levels) {
    const candidates = typeof level === 'string' ? level : await level();
    // The inner limit bites only when the statistics are out of date (a word became common): the
    // cost stays bounded, at the price of ranking the first matches found until ANALYZE catches up.
    const { rows } = await sql<{ id: string }>`select c.id from (select c.id, c.tsv, c.ordinal, c.text from knowledge_chunks c
        where c.tenant_id = ${tenantId} and c.tsv @@ ${candidates}::tsquery ${collection} limit ${RANKING_BUDGET * 4}) c
      order by ${matched} desc, ts_rank_cd(c.tsv, ${atLeast(terms, 1)}::tsquery, 1) desc, c.ordinal, c.text, c.id limit ${limit}`.execute(db);
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
  // Equal fused scores are common (rank r in one list only, in either list): the better full-text
  // rank goes first, then the better vector rank, so the same library and question always give the
  // same order (chunk ids are random, and breaking ties by them made results differ run to run).
  const lexicalRank = new Map(lexical.map((id, rank) => [id, rank]));
  const vectorRank = new Map(vector.map((id, rank) => [id, rank]));
  // Absent from a list ranks after all of it (a finite rank, so two absent chunks compare equal).
  const rankIn = (ranks: Map<string, number>, id: string) => ranks.get(id) ?? ranks.size;
  const ranked = [...scores.entries()]
    .sort(
      (a, b) =>
        b[1] - a[1] ||
        rankIn(lexicalRank, a[0]) - rankIn(lexicalRank, b[0]) ||
        rankIn(vectorRank, a[0]) - rankIn(vectorRank, b[0]) ||
        (a[0] < b[0] ? -1 : 1),
    )
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
