import { defineOperation, z } from '@platform/kit';
import { KnowledgeItemDetail } from '../../knowledge-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'process_knowledge',
  method: 'POST',
  path: '/api-tenant-knowledge-process',
  title: 'Process knowledge',
  description: 'Queue (re-)processing of every file of a knowledge item: extract text, chunk, embed; old chunks stay searchable until replaced.',
  input: z.object({ knowledge_id: Id.describe('Knowledge item id (UUID)') }),
  output: KnowledgeItemDetail,
  auth: 'required',
  scopes: ['write:knowledge'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'knowledge',
  cli: ['knowledge', 'process'],
  summarize: (k) => `Queued ${k.files.length} file(s) of ${k.name} (${k.id}) for processing; status ${k.status}.`,
});
