/**
 * @module The processing pipeline, one kit job per file: queued → processing (extract text, chunk)
 * → embedding (in batches, each committed) → ready, or failed with the reason. Every step records
 * its progress in the file row, so a job whose worker died is re-run by the kit and carries on where
 * it stopped: a file in `embedding` skips extraction and embeds only the chunks still without vectors.
 */
import { type Job, type JobContext, killPoint } from '@platform/kit';
import { chunkText } from './chunking';
import { ExtractionError, extractDocumentText } from './extraction';
import { PROCESS_FILE_JOB, type ProcessFilePayload } from './job-kinds';
import type { KnowledgeService } from './service';
import { bumpIndexVersion, writeVectors } from './vectors';

/** A reason the user can act on, stored on the file; the job then ends (retrying cannot help). */
class PermanentFailure extends Error {}

export function knowledgeJobHandlers(knowledge: KnowledgeService) {
  return {
    [PROCESS_FILE_JOB]: async (job: Job<ProcessFilePayload>, ctx: JobContext) => {
      try {
        await processFile(knowledge, job.payload, ctx);
      } catch (err) {
        const permanent = err instanceof PermanentFailure || err instanceof ExtractionError;
        if (!permanent && job.attempt < job.maxAttempts) throw err;
        const reason = permanent ? (err as Error).message : `Processing failed after ${job.attempt} attempts: ${(err as Error).message}. Fix the cause, then call process_knowledge.`;
        await knowledge.db
          .updateTable('knowledge_files')
          .set({ status: 'failed', error: reason.slice(0, 1000) })
          .where('tenant_id', '=', job.payload.tenant_id)
          .where('id', '=', job.payload.file_id)
          .execute();
      }
    },
  };
}

async function processFile(knowledge: KnowledgeService, { tenant_id: tenantId, file_id: fileId }: ProcessFilePayload, ctx: JobContext): Promise<void> {
  const db = knowledge.db;
  const file = await db.selectFrom('knowledge_files').select(['id', 'knowledge_id', 'status', 'mime_type']).where('tenant_id', '=', tenantId).where('id', '=', fileId).executeTakeFirst();
  // Deleted since it was queued, or already finished by an earlier run of this job.
  if (!file || file.status === 'ready' || file.status === 'failed' || file.status === 'pending') return;
  if (file.status === 'queued' || file.status === 'processing') {
    await db.updateTable('knowledge_files').set({ status: 'processing', error: null }).where('id', '=', fileId).where('tenant_id', '=', tenantId).execute();
    const { content } = await db.selectFrom('knowledge_files').select('content').where('id', '=', fileId).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    const text = await extractDocumentText(content, file.mime_type);
    const chunks = chunkText(text);
    if (!chunks.length) throw new PermanentFailure('No text found in the file; upload a document that contains text.');
    if (chunks.length > knowledge.options.maxChunksPerFile) {
      throw new PermanentFailure(`The file yields ${chunks.length} chunks; the limit is ${knowledge.options.maxChunksPerFile} per file. Split it into smaller documents.`);
    }
    // Old chunks (a re-process) are replaced in the same transaction that moves the file on.
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('knowledge_chunks').where('file_id', '=', fileId).where('tenant_id', '=', tenantId).execute();
      for (let i = 0; i < chunks.length; i += 500) {
        await trx
          .insertInto('knowledge_chunks')
          .values(
            chunks
              .slice(i, i + 500)
              .map((text, j) => ({ id: crypto.randomUUID(), tenant_id: tenantId, file_id: fileId, knowledge_id: file.knowledge_id, ordinal: i + j, text, embedding_f32: null, embedding_model: null })),
          )
          .execute();
      }
      await trx.updateTable('knowledge_files').set({ status: 'embedding', chunk_count: chunks.length }).where('id', '=', fileId).where('tenant_id', '=', tenantId).execute();
      await bumpIndexVersion(trx, tenantId);
    });
    killPoint('trainar.knowledge.after-chunks');
  }
  await embedRemaining(knowledge, tenantId, fileId, ctx);
}

async function embedRemaining(knowledge: KnowledgeService, tenantId: string, fileId: string, ctx: JobContext): Promise<void> {
  const { db, options } = knowledge;
  const { embedder } = options;
  const backend = await knowledge.vectorBackend();
  for (;;) {
    ctx.signal.throwIfAborted();
    const batch = await db
      .selectFrom('knowledge_chunks')
      .select(['id', 'text'])
      .where('file_id', '=', fileId)
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([eb('embedding_model', 'is', null), eb('embedding_model', '!=', embedder.model)]))
      .orderBy('ordinal')
      .limit(options.embedBatchSize)
      .execute();
    if (!batch.length) break;
    const vectors = await embedder.embed(batch.map((c) => c.text));
    await db.transaction().execute(async (trx) => {
      await writeVectors(
        trx,
        backend,
        embedder.model,
        batch.map((c, i) => ({ id: c.id, vector: vectors[i] })),
      );
      await bumpIndexVersion(trx, tenantId);
    });
    killPoint('trainar.knowledge.after-embed-batch');
  }
  const ready = await db.transaction().execute(async (trx) => {
    const file = await trx.updateTable('knowledge_files').set({ status: 'ready', processed_at: ctx.clock.now(), error: null }).where('id', '=', fileId).where('tenant_id', '=', tenantId).where('status', '=', 'embedding').returning('chunk_count').executeTakeFirst();
    await ctx.completeIn(trx);
    return file;
  });
  if (ready) await knowledge.chunksWritten(ready.chunk_count);
}
