/**
 * @module Where vectors live and how the nearest ones are found. With pgvector (always on the
 * embedded database; on PostgreSQL when the server has the extension) the database ranks by cosine
 * distance. Without it, vectors stay in the portable `real[]` column and `InProcessVectorIndex`
 * keeps each tenant's vectors in memory as a Float32 matrix, reloaded when the tenant's index version
 * (bumped in every transaction that changes chunks) moves, so several app instances stay correct.
 */
import type { Executor } from '@platform/kit';
import { sql } from 'kysely';
import type { KnowledgeDb } from './tables';

export type VectorBackend = 'pgvector' | 'in-process';

export interface VectorHit {
  chunkId: string;
  similarity: number;
}

export interface VectorQuery {
  tenantId: string;
  model: string;
  vector: number[];
  collectionId?: string;
  limit: number;
}

/** Text form shared by pgvector ('[…]') and, with braces swapped, real[] ('{…}'). */
export const vectorLiteral = (v: number[]) => `[${v.map((x) => (Number.isFinite(x) ? Math.fround(x) : 0)).join(',')}]`;

/** True when knowledge_chunks has the pgvector column (migration tar-0501 added it). */
export async function hasPgvector(db: KnowledgeDb): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`select exists (
      select 1 from information_schema.columns
      where table_name = 'knowledge_chunks' and column_name = 'embedding_vec' and table_schema = current_schema()
    ) as found`.execute(db);
  return rows[0]?.found === true;
}

/** Stores the vectors of these chunks: the pgvector column, or real[] for the in-process index. */
export async function writeVectors(executor: Executor, backend: VectorBackend, model: string, rows: Array<{ id: string; vector: number[] }>): Promise<void> {
  if (!rows.length) return;
  const ids = rows.map((r) => r.id);
  const texts = rows.map((r) => vectorLiteral(r.vector));
  const column = backend === 'pgvector' ? sql`embedding_vec = v.t::vector` : sql`embedding = ('{' || btrim(v.t, '[]') || '}')::real[]`;
  await sql`update knowledge_chunks c
    set ${column}, embedding_model = ${model}
    from unnest(${ids}::uuid[], ${texts}::text[]) as v(id, t)
    where c.id = v.id`.execute(executor);
}

/** Marks the tenant's chunk set changed (in the caller's transaction). */
export async function bumpIndexVersion(executor: Executor, tenantId: string): Promise<void> {
  await sql`insert into knowledge_index_versions (tenant_id, version) values (${tenantId}, 1)
    on conflict (tenant_id) do update set version = knowledge_index_versions.version + 1`.execute(executor);
}

export async function pgvectorNearest(db: KnowledgeDb, q: VectorQuery): Promise<VectorHit[]> {
  const literal = vectorLiteral(q.vector);
  const collection = q.collectionId ? sql`and c.knowledge_id in (select id from knowledge_items where tenant_id = ${q.tenantId} and collection_id = ${q.collectionId})` : sql``;
  const { rows } = await sql<{ id: string; distance: number }>`select c.id, c.embedding_vec <=> ${literal}::vector as distance
    from knowledge_chunks c
    where c.tenant_id = ${q.tenantId} and c.embedding_model = ${q.model} and c.embedding_vec is not null ${collection}
    order by distance limit ${q.limit}`.execute(db);
  return rows.map((r) => ({ chunkId: r.id, similarity: 1 - Number(r.distance) }));
}

interface TenantMatrix {
  version: number;
  model: string;
  ids: string[];
  collections: Array<string | null>;
  dims: number;
  matrix: Float32Array;
}

/** Exact cosine search over each tenant's vectors held in memory (vectors are stored unit-length). */
export class InProcessVectorIndex {
  private readonly tenants = new Map<string, Promise<TenantMatrix>>();

  constructor(private readonly db: KnowledgeDb) {}

  async nearest(q: VectorQuery): Promise<VectorHit[]> {
    const m = await this.matrixFor(q.tenantId, q.model);
    if (!m.ids.length || q.vector.length !== m.dims) return [];
    const { dims, matrix } = m;
    const query = Float32Array.from(q.vector);
    const best: VectorHit[] = [];
    let floor = -Infinity;
    for (let row = 0; row < m.ids.length; row++) {
      if (q.collectionId && m.collections[row] !== q.collectionId) continue;
      let dot = 0;
      const base = row * dims;
      for (let d = 0; d < dims; d++) dot += matrix[base + d] * query[d];
      if (best.length < q.limit || dot > floor) {
        best.push({ chunkId: m.ids[row], similarity: dot });
        if (best.length > q.limit) {
          best.sort((a, b) => b.similarity - a.similarity);
          best.length = q.limit;
        }
        floor = best.length === q.limit ? Math.min(...best.map((b) => b.similarity)) : -Infinity;
      }
    }
    return best.sort((a, b) => b.similarity - a.similarity);
  }

  private async matrixFor(tenantId: string, model: string): Promise<TenantMatrix> {
    const { rows } = await sql<{ version: string }>`select version from knowledge_index_versions where tenant_id = ${tenantId}`.execute(this.db);
    const version = Number(rows[0]?.version ?? 0);
    const cached = this.tenants.get(tenantId);
    if (cached) {
      const m = await cached.catch(() => undefined);
      if (m && m.version === version && m.model === model) return m;
    }
    const loading = this.load(tenantId, model, version);
    this.tenants.set(tenantId, loading);
    return loading;
  }

  private async load(tenantId: string, model: string, version: number): Promise<TenantMatrix> {
    const { rows } = await sql<{ id: string; collection_id: string | null; embedding: number[] }>`select c.id, i.collection_id, c.embedding
      from knowledge_chunks c join knowledge_items i on i.id = c.knowledge_id
      where c.tenant_id = ${tenantId} and c.embedding_model = ${model} and c.embedding is not null`.execute(this.db);
    const dims = rows[0]?.embedding.length ?? 0;
    const usable = rows.filter((r) => r.embedding.length === dims);
    const matrix = new Float32Array(usable.length * dims);
    usable.forEach((r, i) => {
      for (let d = 0; d < dims; d++) matrix[i * dims + d] = Number(r.embedding[d]);
    });
    return { version, model, ids: usable.map((r) => r.id), collections: usable.map((r) => r.collection_id), dims, matrix };
  }
}
