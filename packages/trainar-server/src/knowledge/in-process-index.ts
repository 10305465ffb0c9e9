/**
 * @module The vector search for databases without pgvector: each tenant's vectors held in memory,
 * exact cosine (vectors are stored unit-length), kept warm between searches and checked against the
 * tenant's index version (bumped in every transaction that changes chunks) on every search, so
 * several app instances stay correct.
 *
 * Layout is column-major in blocks of a few thousand rows (one contiguous run of the block's values
 * per dimension): a query touches only the dimensions where it is non-zero, each as one tight pass. The offline embedder's vectors are
 * sparse (a question lights a few dozen of 512 dimensions), so a search costs a tenth of a full scan;
 * a dense embedder's costs the full scan, still without per-row overhead.
 */
import { sql } from 'kysely';
import type { KnowledgeDb } from './tables';
import type { VectorBackend, VectorHit, VectorQuery } from './vectors';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface TenantMatrix {
  version: number;
  model: string;
  ids: string[];
  /** Per row: index into `collectionIds`, or -1 for an uncategorised document. */
  collectionOf: Int32Array;
  collectionIds: string[];
  dims: number;
  /** Consecutive runs of rows, each column-major: block.data[d * block.rows + row]. */
  blocks: Array<{ rows: number; data: Float32Array }>;
}

interface TenantEntry {
  current?: TenantMatrix;
  loading?: Promise<TenantMatrix>;
  loadingVersion?: number;
  loadingModel?: string;
}

export interface InProcessIndexOptions {
  /**
   * A tenant with more vectors than this keeps answering from its previous matrix while the changed
   * one loads in the background (the hydration query drops deleted chunks and re-checks the
   * collection), so an upload does not stall everyone's searches; smaller tenants reload first.
   */
  staleWhileReloadingAbove: number;
  /** Rows fetched per query while loading. */
  pageSize: number;
}

export class InProcessVectorIndex {
  private readonly tenants = new Map<string, TenantEntry>();
  private readonly options: InProcessIndexOptions;

  constructor(
    private readonly db: KnowledgeDb,
    options: Partial<InProcessIndexOptions> = {},
  ) {
    this.options = { staleWhileReloadingAbove: 2_000, pageSize: 5_000, ...options };
  }

  /** `storage`: where the vectors are kept (packed bytea, or the pgvector column on the embedded database). */
  async nearest(q: VectorQuery, storage: VectorBackend = 'in-process'): Promise<VectorHit[]> {
    const m = await this.matrixFor(q.tenantId, q.model, storage);
    const rows = m.ids.length;
    if (!rows || q.vector.length !== m.dims) return [];
    const used: number[] = [];
    for (let d = 0; d < m.dims; d++) if (q.vector[d] !== 0) used.push(d);
    const scores = new Float32Array(rows);
    let offset = 0;
    for (const { rows: n, data } of m.blocks) {
      const out = scores.subarray(offset, offset + n);
      for (const d of used) {
        const w = q.vector[d];
        const base = d * n;
        for (let r = 0; r < n; r++) out[r] += w * data[base + r];
      }
      offset += n;
    }
    const wanted = q.collectionId === undefined ? -2 : m.collectionIds.indexOf(q.collectionId);
    if (wanted === -1) return [];
    return topK(scores, q.limit, wanted === -2 ? undefined : (r) => m.collectionOf[r] === wanted).map(([r, s]) => ({ chunkId: m.ids[r], similarity: s }));
  }

  private async matrixFor(tenantId: string, model: string, storage: VectorBackend): Promise<TenantMatrix> {
    const { rows } = await sql<{ version: string }>`select version from knowledge_index_versions where tenant_id = ${tenantId}`.execute(this.db);
    const version = Number(rows[0]?.version ?? 0);
    const entry = this.tenants.get(tenantId) ?? {};
    this.tenants.set(tenantId, entry);
    const current = entry.current;
    if (current && current.version === version && current.model === model) return current;
    if (!entry.loading || entry.loadingVersion !== version || entry.loadingModel !== model) {
      const loading: Promise<TenantMatrix> = this.load(tenantId, model, version, storage).then(
        (m) => {
          if (!entry.current || entry.current.version <= m.version) entry.current = m;
          if (entry.loading === loading) entry.loading = undefined;
          return m;
        },
        (err) => {
          if (entry.loading === loading) entry.loading = undefined;
          throw err;
        },
      );
      // A background reload that fails is retried by the next search; nobody else awaits this copy.
      loading.catch(() => {});
      Object.assign(entry, { loading, loadingVersion: version, loadingModel: model });
    }
    if (current && current.model === model && current.ids.length > this.options.staleWhileReloadingAbove) return current;
    return entry.loading as Promise<TenantMatrix>;
  }

  private async load(tenantId: string, model: string, version: number, storage: VectorBackend): Promise<TenantMatrix> {
    const ids: string[] = [];
    const collectionOf: number[] = [];
    const collectionIds: string[] = [];
    const blocks: TenantMatrix['blocks'] = [];
    let dims = 0;
    let scratch = Buffer.alloc(0);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      // base64 text: the same through node-postgres and PGlite, and a third the size of bytea's hex.
      // pgvector's binary form (vector_send) is a 4-byte header, then the same big-endian float4s.
      const packed = storage === 'pgvector' ? sql`substring(vector_send(c.embedding_vec) from 5)` : sql`c.embedding_f32`;
      const { rows } = await sql<{ id: string; collection_id: string | null; v: string; bytes: number }>`select c.id, i.collection_id, encode(p.bytes, 'base64') as v, octet_length(p.bytes) as bytes
        from knowledge_chunks c join knowledge_items i on i.id = c.knowledge_id cross join lateral (select ${packed} as bytes) p
        where c.tenant_id = ${tenantId} and c.embedding_model = ${model} and p.bytes is not null and c.id > ${after}
        order by c.id limit ${this.options.pageSize}`.execute(this.db);
      if (!rows.length) break;
      if (!dims) {
        dims = Math.floor(rows[0].bytes / 4);
        scratch = Buffer.alloc(dims * 4);
      }
      const usable = rows.filter((r) => r.bytes === dims * 4);
      const data = new Float32Array(usable.length * dims);
      const floats = new Float32Array(scratch.buffer, scratch.byteOffset, dims);
      usable.forEach((r, row) => {
        scratch.write(r.v, 'base64'); // the decoder skips the line breaks encode() puts in
        if (LITTLE_ENDIAN) scratch.swap32(); // stored big-endian; typed arrays read the machine's order
        for (let d = 0; d < dims; d++) data[d * usable.length + row] = floats[d];
        ids.push(r.id);
        let c = r.collection_id === null ? -1 : collectionIds.indexOf(r.collection_id);
        if (c === -1 && r.collection_id !== null) c = collectionIds.push(r.collection_id) - 1;
        collectionOf.push(c);
      });
      blocks.push({ rows: usable.length, data });
      after = rows[rows.length - 1].id;
      if (rows.length < this.options.pageSize) break;
    }
    return { version, model, ids, collectionOf: Int32Array.from(collectionOf), collectionIds, dims, blocks };
  }
}

/** The k best (row, score) pairs, best first; one pass with a sorted shortlist. */
export function topK(scores: Float32Array, k: number, keep?: (row: number) => boolean): Array<[number, number]> {
  const best: Array<[number, number]> = [];
  let floor = -Infinity;
  for (let r = 0; r < scores.length; r++) {
    const s = scores[r];
    if (s <= floor && best.length === k) continue;
    if (keep && !keep(r)) continue;
    let at = best.length;
    while (at > 0 && best[at - 1][1] < s) at--;
    best.splice(at, 0, [r, s]);
    if (best.length > k) best.pop();
    if (best.length === k) floor = best[k - 1][1];
  }
  return best;
}
