import { defineOperation, z } from '@platform/kit';
import { KnowledgeItem, KnowledgeStatus, optionalId } from '../../knowledge-schemas';
import { limitField, offsetField, page } from '../../schemas';

export default defineOperation({
  name: 'list_knowledge',
  method: 'GET',
  path: '/api-tenant-knowledge',
  title: 'List knowledge',
  description: 'List knowledge items (documents) newest first with status and file/chunk counts; filter by collection, folder or status.',
  input: z.object({
    collection_id: optionalId('Only items in this collection'),
    folder_id: optionalId('Only items in this folder'),
    status: KnowledgeStatus.optional().describe('Only items in this status'),
    limit: limitField(50),
    offset: offsetField(),
  }),
  output: z.object({ knowledge: z.array(KnowledgeItem), ...page }),
  auth: 'required',
  scopes: ['read:knowledge'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'knowledge',
  cli: ['knowledge', 'list'],
  summarize: (out) =>
    out.knowledge.length === 0
      ? `No knowledge items (total ${out.total}).`
      : `${out.knowledge.length} of ${out.total} item(s): ${out.knowledge.map((k) => `${k.name} ${k.status}, ${k.file_count} file(s), ${k.chunk_count} chunk(s) (${k.id})`).join('; ')}.`,
});
