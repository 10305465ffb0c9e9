/**
 * @module Where vectors live and how the nearest ones are found. With pgvector (always on the
 * embedded database; on PostgreSQL when the server has the extension) the database ranks by cosine
 * distance. Without it, vectors are packed float4s in the portable `embedding_f32` bytea column and
 * `InProcessVectorIndex` (in-process-index.ts) searches each tenant's vectors in memory.
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

/** pgvector's text form ('[…]'). */
export const vectorLiteral = (v: number[]) => `[${v.map((x) => (Number.isFinite(x) ? Math.fround(x) : 0)).join(',')}]`;

/** True when knowledge_chunks has the pgvector column (migration tar-0501 added it). */
export async function hasPgvector(db: KnowledgeDb): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`select exists (
      select 1 from information_schema.columns
      where table_name = 'knowledge_chunks' and column_name = 'embedding_vec' and table_schema = current_schema()
    ) as found`.execute(db);
  return rows[0]?.found === true;
}

/**
 * A vector as big-endian float4s, the byte order of PostgreSQL's `float4send` (which migration
 * tar-0502 used to convert the earlier real[] column), as hex for `decode(…, 'hex')`: a text array
 * passes through both drivers (node-postgres and PGlite) alike.
 */
export function packVectorHex(v: number[]): string {
  const bytes = Buffer.allocUnsafe(v.length * 4);
  for (let i = 0; i < v.length; i++) bytes.writeFloatBE(Number.isFinite(v[i]) ? v[i] : 0, i * 4);
  return bytes.toString('hex');
}

/** Stores the vectors of these chunks: the pgvector column, or packed bytes for the in-process index. */
export async function writeVectors(executor: Executor, backend: VectorBackend, model: string, rows: Array<{ id: string; vector: number[] }>): Promise<void> {
  if (!rows.length) return;
  const ids = rows.map((r) => r.id);
  const texts = rows.map((r) => (backend === 'pgvector' ? vectorLiteral(r.vector) : packVectorHex(r.vector)));
  const column = backend === 'pgvector' ? sql`embedding_vec = v.t::vector` : sql`embedding_f32 = decode(v.t, 'hex')`;
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
    order by distance, c.ordinal, c.text limit ${q.limit}`.execute(db);
  return rows.map((r) => ({ chunkId: r.id, similarity: 1 - Number(r.distance) }));
}
