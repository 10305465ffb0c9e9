/** @module Knowledge operations → KnowledgeService. */
import { implement } from '@platform/kit';
import { ops } from '@trainar/api';
import type { TrainArContext } from '../context';

const k = (ctx: TrainArContext) => ctx.services.knowledge;

export const knowledgeHandlers = [
  implement(ops.listKnowledge, (input, ctx: TrainArContext) => k(ctx).list(ctx.tenantId, input)),
  implement(ops.getKnowledge, (input, ctx: TrainArContext) => k(ctx).get(ctx.tenantId, input.knowledge_id)),
  implement(ops.uploadKnowledge, (input, ctx: TrainArContext) => k(ctx).upload(ctx.tenantId, input)),
  implement(ops.uploadKnowledgeFile, (input, ctx: TrainArContext) => k(ctx).addFile(ctx.tenantId, input)),
  implement(ops.bulkUploadKnowledgeFiles, async (input, ctx: TrainArContext) => ({ files: await k(ctx).addFiles(ctx.tenantId, input.knowledge_id, input.files, input.auto_process) })),
  implement(ops.processKnowledge, (input, ctx: TrainArContext) => k(ctx).process(ctx.tenantId, input.knowledge_id)),
  implement(ops.searchKnowledge, async (input, ctx: TrainArContext) => ({ query: input.query, results: await k(ctx).search(ctx.tenantId, input) })),
  implement(ops.updateKnowledgeFile, (input, ctx: TrainArContext) => k(ctx).updateFile(ctx.tenantId, input)),
  implement(ops.deleteKnowledge, (input, ctx: TrainArContext) => k(ctx).delete(ctx.tenantId, input.knowledge_id)),
  implement(ops.listKnowledgeCollections, (input, ctx: TrainArContext) => k(ctx).collections.list(ctx.tenantId, input)),
  implement(ops.getKnowledgeCollection, (input, ctx: TrainArContext) => k(ctx).collections.get(ctx.tenantId, input.collection_id)),
  implement(ops.createKnowledgeCollection, (input, ctx: TrainArContext) => k(ctx).collections.create(ctx.tenantId, input)),
  implement(ops.updateKnowledgeCollection, (input, ctx: TrainArContext) => k(ctx).collections.update(ctx.tenantId, input)),
  implement(ops.deleteKnowledgeCollection, (input, ctx: TrainArContext) => k(ctx).collections.delete(ctx.tenantId, input.collection_id)),
];
