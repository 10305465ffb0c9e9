import { defineOperation, z } from '@platform/kit';
import { KnowledgeItemDetail } from '../../knowledge-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'get_knowledge',
  method: 'GET',
  path: '/api-tenant-knowledge',
  selectWhen: 'knowledge_id',
  title: 'Get a knowledge item',
  description: 'Get one knowledge item (addressed as ?knowledge_id=) with its files, their status, chunk counts and errors.',
  input: z.object({ knowledge_id: Id.describe('Knowledge item id (UUID)') }),
  output: KnowledgeItemDetail,
  auth: 'required',
  scopes: ['read:knowledge'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'knowledge',
  cli: ['knowledge', 'get'],
  summarize: (k) => `${k.name}: ${k.status}, ${k.chunk_count} chunk(s); files: ${k.files.map((f) => `${f.filename} ${f.status}${f.error ? ` (${f.error})` : ''} (${f.id})`).join('; ') || 'none'}.`,
});
