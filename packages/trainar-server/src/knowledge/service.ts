/**
 * @module Knowledge: items and their files (upload as text, base64 or URL; bulk), metadata, deletes
 * that take chunks and vectors with them, (re-)processing, and hybrid search. Every query is
 * filtered by tenant. Processing runs as kit jobs (pipeline.ts) enqueued in the upload's transaction.
 */
import { type Executor, enqueueJob, notFound } from '@platform/kit';
import type { KnowledgeFile, KnowledgeFileInput, KnowledgeHit, KnowledgeItem, KnowledgeItemDetail, KnowledgeStatus } from '@trainar/api';
import { sql } from 'kysely';
import type { ServiceDeps } from '../platform/deps';
import { CollectionStore } from './collections';
import { InProcessVectorIndex } from './in-process-index';
import { itemRows } from './items';
import { PROCESS_FILE_JOB } from './job-kinds';
import { type KnowledgeOptions, knowledgeOptions } from './options';
import { FILE_COLUMNS, type FileRow, presentFile, presentItem } from './present';
import { QueryVectorCache, type SearchInput, type SearchMode, searchChunks } from './search';
import type { KnowledgeDb } from './tables';
import { type CheckedFile, checkUpload } from './uploads';
import { bumpIndexVersion, hasPgvector, pgvectorNearest, type VectorBackend, type VectorQuery } from './vectors';

export interface UploadKnowledgeInput {
  name: string;
  description?: string;
  collection_id?: string;
  folder_id?: string;
  content?: string;
  file_base64?: string;
  url?: string;
  filename?: string;
  mime_type?: string;
  auto_process: boolean;
}

export class KnowledgeService {
  readonly options: KnowledgeOptions;
  readonly db: KnowledgeDb;
  readonly collections: CollectionStore;
  private readonly inProcess: InProcessVectorIndex;
  private readonly queryVectors = new QueryVectorCache();
  private backendChoice?: Promise<VectorBackend>;
  private searchChoice?: Promise<'database' | 'in-process'>;
  private embeddedCheck?: Promise<boolean>;
  private chunksSinceAnalyze = 0;

  constructor(private readonly deps: ServiceDeps) {
    this.options = knowledgeOptions(deps.settings.knowledge);
    this.db = deps.db as unknown as KnowledgeDb;
    this.collections = new CollectionStore(this.db, deps.clock);
    this.inProcess = new InProcessVectorIndex(this.db);
  }

  /** pgvector when the database has the column (and the settings allow it), else the in-process index. */
  vectorBackend(): Promise<VectorBackend> {
    this.backendChoice ??= (async () => {
      if (this.options.vectorBackend !== 'auto') return this.options.vectorBackend;
      return (await hasPgvector(this.db)) ? 'pgvector' : 'in-process';
    })();
    return this.backendChoice;
  }

  /**
   * Where the nearest vectors are found: by pgvector in a PostgreSQL server, or by the in-process
   * index. On the embedded database (PGlite, in this process) the in-process index searches the
   * pgvector column too: PGlite's exact scan runs in WebAssembly, ~1 s per search at 100k chunks,
   * against a few milliseconds for typed arrays. `vectorBackend: 'pgvector'` forces the database scan.
   */
  vectorSearch(): Promise<'database' | 'in-process'> {
    this.searchChoice ??= (async () => {
      if ((await this.vectorBackend()) === 'in-process') return 'in-process';
      if (this.options.vectorBackend === 'pgvector') return 'database';
      return (await this.embedded()) ? 'in-process' : 'database';
    })();
    return this.searchChoice;
  }

  /** True on the embedded database (PGlite). */
  private embedded(): Promise<boolean> {
    this.embeddedCheck ??= sql<{ embedded: boolean }>`select version() like '%PGlite%' as embedded`.execute(this.db).then(({ rows }) => rows[0]?.embedded === true);
    return this.embeddedCheck;
  }

  /**
   * Called by the pipeline after it wrote chunks. The full-text side steers its cost by the table's
   * word statistics (search.ts), which autovacuum keeps current on a PostgreSQL server; PGlite has
   * no autovacuum, so there the chunks table is analysed here once a tenth of it (at least 1,000
   * chunks) changed since, as autovacuum's default threshold would.
   */
  async chunksWritten(count: number): Promise<void> {
    try {
      if (!(await this.embedded())) return;
      this.chunksSinceAnalyze += count;
      const { rows } = await sql<{ rows: number }>`select greatest(reltuples, 0)::float8 as rows from pg_class where oid = 'knowledge_chunks'::regclass`.execute(this.db);
      if (this.chunksSinceAnalyze < Math.max(1_000, 0.1 * Number(rows[0]?.rows ?? 0))) return;
      this.chunksSinceAnalyze = 0;
      await sql`analyze knowledge_chunks`.execute(this.db);
    } catch (err) {
      // Statistics only steer cost; the file is processed either way.
      this.deps.logger.warn({ err }, 'knowledge: analyze of the chunks table failed');
    }
  }

  async list(tenantId: string, input: { collection_id?: string; folder_id?: string; status?: KnowledgeStatus; limit: number; offset: number }) {
    const { rows, total } = await itemRows(this.db, tenantId, input);
    return { knowledge: rows.map(presentItem), total, limit: input.limit, offset: input.offset };
  }

  async get(tenantId: string, knowledgeId: string): Promise<KnowledgeItemDetail> {
    // One snapshot for both reads: otherwise the worker can finish a file between them and the item's
    // status ("embedding") disagrees with its files (all "ready").
    const { rows, files } = await this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const { rows } = await itemRows(trx, tenantId, { id: knowledgeId, limit: 1, offset: 0 });
        const files = rows[0] ? await trx.selectFrom('knowledge_files').select(FILE_COLUMNS).where('tenant_id', '=', tenantId).where('knowledge_id', '=', knowledgeId).orderBy('created_at').orderBy('id').execute() : [];
        return { rows, files };
      });
    if (!rows[0]) throw notFound(`No knowledge item ${knowledgeId} in this tenant; list_knowledge shows the ids.`, { field: 'knowledge_id' });
    return { ...presentItem(rows[0]), files: files.map((f) => presentFile(f as FileRow)) };
  }

  async upload(tenantId: string, input: UploadKnowledgeInput): Promise<KnowledgeItemDetail> {
    await this.collections.assertPlacement(tenantId, input.collection_id, input.folder_id);
    const hasFile = input.content !== undefined || input.file_base64 !== undefined || input.url !== undefined;
    const file = hasFile
      ? await checkUpload({ ...input, filename: input.filename ?? `${input.name.replace(/[^\w .-]+/g, '_')}.${input.file_base64 === undefined && input.url === undefined ? 'md' : 'txt'}` }, this.options)
      : undefined;
    const now = this.deps.clock.now();
    const id = crypto.randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('knowledge_items')
        .values({ id, tenant_id: tenantId, name: input.name, description: input.description ?? null, collection_id: input.collection_id ?? null, folder_id: input.folder_id ?? null, created_at: now, updated_at: now })
        .execute();
      if (file) await this.insertFile(trx, tenantId, id, file, input.auto_process);
    });
    return this.get(tenantId, id);
  }

  async addFile(tenantId: string, input: KnowledgeFileInput & { knowledge_id: string; auto_process: boolean }): Promise<KnowledgeFile> {
    const [file] = await this.addFiles(tenantId, input.knowledge_id, [input], input.auto_process, '');
    return file;
  }

  /** All files are checked before any is stored, so a bulk upload is all or nothing. */
  async addFiles(tenantId: string, knowledgeId: string, inputs: KnowledgeFileInput[], autoProcess: boolean, fieldPrefix = 'files.'): Promise<KnowledgeFile[]> {
    await this.requireItem(tenantId, knowledgeId);
    const checked: CheckedFile[] = [];
    for (const [i, input] of inputs.entries()) checked.push(await checkUpload(input, this.options, fieldPrefix ? `${fieldPrefix}${i}.` : ''));
    const ids = await this.db.transaction().execute(async (trx) => {
      const out: string[] = [];
      for (const file of checked) out.push(await this.insertFile(trx, tenantId, knowledgeId, file, autoProcess));
      await trx.updateTable('knowledge_items').set({ updated_at: this.deps.clock.now() }).where('id', '=', knowledgeId).where('tenant_id', '=', tenantId).execute();
      return out;
    });
    const rows = await this.db.selectFrom('knowledge_files').select(FILE_COLUMNS).where('tenant_id', '=', tenantId).where('id', 'in', ids).orderBy('created_at').execute();
    return ids.map((id) => presentFile(rows.find((r) => r.id === id) as FileRow));
  }

  /** Queues every file of the item again; its chunks are replaced when each file's new text is ready. */
  async process(tenantId: string, knowledgeId: string): Promise<KnowledgeItemDetail> {
    await this.requireItem(tenantId, knowledgeId);
    await this.db.transaction().execute(async (trx) => {
      const files = await trx.updateTable('knowledge_files').set({ status: 'queued', error: null }).where('tenant_id', '=', tenantId).where('knowledge_id', '=', knowledgeId).returning('id').execute();
      for (const f of files) await this.enqueue(trx, tenantId, f.id);
    });
    return this.get(tenantId, knowledgeId);
  }

  async updateFile(tenantId: string, input: { file_id: string; filename?: string; metadata?: Record<string, unknown> }): Promise<KnowledgeFile> {
    const current = await this.db.selectFrom('knowledge_files').select(FILE_COLUMNS).where('tenant_id', '=', tenantId).where('id', '=', input.file_id).executeTakeFirst();
    if (!current) throw notFound(`No knowledge file ${input.file_id} in this tenant; get_knowledge lists an item's files.`, { field: 'file_id' });
    const metadata: Record<string, unknown> = { ...(current.metadata as Record<string, unknown>) };
    for (const [k, v] of Object.entries(input.metadata ?? {})) {
      if (v === null) delete metadata[k];
      else metadata[k] = v;
    }
    const row = await this.db
      .updateTable('knowledge_files')
      .set({ filename: input.filename ?? current.filename, metadata: sql`${JSON.stringify(metadata)}::jsonb` as never })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', input.file_id)
      .returning(FILE_COLUMNS)
      .executeTakeFirstOrThrow();
    return presentFile(row as FileRow);
  }

  /** Removes the item, its files, chunks and vectors (cascade) in one transaction. */
  async delete(tenantId: string, knowledgeId: string): Promise<KnowledgeItem> {
    const { rows } = await itemRows(this.db, tenantId, { id: knowledgeId, limit: 1, offset: 0 });
    if (!rows[0]) throw notFound(`No knowledge item ${knowledgeId} in this tenant; list_knowledge shows the ids.`, { field: 'knowledge_id' });
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('knowledge_items').where('tenant_id', '=', tenantId).where('id', '=', knowledgeId).execute();
      await bumpIndexVersion(trx, tenantId);
    });
    return presentItem(rows[0]);
  }

  /**
   * Hybrid search over the tenant's chunks: what `search_knowledge` runs, and what the skills module
   * calls for the glasses' built-in `search_knowledge` system skill. `mode` exists for the evaluation.
   */
  async search(tenantId: string, input: SearchInput, mode: SearchMode = 'hybrid'): Promise<KnowledgeHit[]> {
    if (input.collection_id) await this.collections.get(tenantId, input.collection_id);
    const storage = await this.vectorBackend();
    const nearest = (await this.vectorSearch()) === 'database' ? (q: VectorQuery) => pgvectorNearest(this.db, q) : (q: VectorQuery) => this.inProcess.nearest(q, storage);
    return searchChunks({ db: this.db, embedder: this.options.embedder, nearest, queryVectors: this.queryVectors }, tenantId, input, mode);
  }

  private async requireItem(tenantId: string, knowledgeId: string): Promise<void> {
    const row = await this.db.selectFrom('knowledge_items').select('id').where('tenant_id', '=', tenantId).where('id', '=', knowledgeId).executeTakeFirst();
    if (!row) throw notFound(`No knowledge item ${knowledgeId} in this tenant; create it with upload_knowledge or find it with list_knowledge.`, { field: 'knowledge_id' });
  }

  private async insertFile(trx: Executor, tenantId: string, knowledgeId: string, file: CheckedFile, autoProcess: boolean): Promise<string> {
    const id = crypto.randomUUID();
    await (trx as KnowledgeDb)
      .insertInto('knowledge_files')
      .values({
        id,
        tenant_id: tenantId,
        knowledge_id: knowledgeId,
        filename: file.filename,
        mime_type: file.mimeType,
        size_bytes: file.bytes.length,
        content: file.bytes,
        status: autoProcess ? 'queued' : 'pending',
        error: null,
        chunk_count: 0,
        metadata: sql`'{}'::jsonb` as never,
        created_at: this.deps.clock.now(),
        processed_at: null,
      })
      .execute();
    if (autoProcess) await this.enqueue(trx, tenantId, id);
    return id;
  }

  private async enqueue(trx: Executor, tenantId: string, fileId: string): Promise<void> {
    await enqueueJob(trx, { kind: PROCESS_FILE_JOB, payload: { tenant_id: tenantId, file_id: fileId }, maxAttempts: 5 }, this.deps.clock);
  }
}
