import { defineOperation, z } from '@platform/kit';
import { KnowledgeItem } from '../../knowledge-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'delete_knowledge',
  method: 'DELETE',
  path: '/api-tenant-knowledge',
  selectWhen: 'knowledge_id',
  title: 'Delete knowledge',
  description: 'Delete a knowledge item (addressed as ?knowledge_id=) with its files, chunks and vectors; search stops returning it at once.',
  input: z.object({ knowledge_id: Id.describe('Knowledge item id (UUID)') }),
  output: KnowledgeItem,
  auth: 'required',
  scopes: ['write:knowledge'],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  toolset: 'knowledge',
  cli: ['knowledge', 'delete'],
  summarize: (k) => `Deleted ${k.name} (${k.id}) with ${k.file_count} file(s) and ${k.chunk_count} chunk(s).`,
});
