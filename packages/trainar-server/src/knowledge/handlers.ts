/** @module Knowledge operations → KnowledgeService. */
import { ops } from '@trainar/api';
import { implementKnowledge as implement, type KnowledgeContext } from './context';

const k = (ctx: KnowledgeContext) => ctx.services.knowledge;

export const knowledgeHandlers = [
  implement(ops.listKnowledge, (input, ctx) => k(ctx).list(ctx.tenantId, input)),
  implement(ops.getKnowledge, (input, ctx) => k(ctx).get(ctx.tenantId, input.knowledge_id)),
  implement(ops.uploadKnowledge, (input, ctx) => k(ctx).upload(ctx.tenantId, input)),
  implement(ops.uploadKnowledgeFile, (input, ctx) => k(ctx).addFile(ctx.tenantId, input)),
  implement(ops.bulkUploadKnowledgeFiles, async (input, ctx) => ({ files: await k(ctx).addFiles(ctx.tenantId, input.knowledge_id, input.files, input.auto_process) })),
  implement(ops.processKnowledge, (input, ctx) => k(ctx).process(ctx.tenantId, input.knowledge_id)),
  implement(ops.searchKnowledge, async (input, ctx) => ({ query: input.query, results: await k(ctx).search(ctx.tenantId, input) })),
  implement(ops.updateKnowledgeFile, (input, ctx) => k(ctx).updateFile(ctx.tenantId, input)),
  implement(ops.deleteKnowledge, (input, ctx) => k(ctx).delete(ctx.tenantId, input.knowledge_id)),
  implement(ops.listKnowledgeCollections, (input, ctx) => k(ctx).collections.list(ctx.tenantId, input)),
  implement(ops.getKnowledgeCollection, (input, ctx) => k(ctx).collections.get(ctx.tenantId, input.collection_id)),
  implement(ops.createKnowledgeCollection, (input, ctx) => k(ctx).collections.create(ctx.tenantId, input)),
  implement(ops.updateKnowledgeCollection, (input, ctx) => k(ctx).collections.update(ctx.tenantId, input)),
  implement(ops.deleteKnowledgeCollection, (input, ctx) => k(ctx).collections.delete(ctx.tenantId, input.collection_id)),
];
