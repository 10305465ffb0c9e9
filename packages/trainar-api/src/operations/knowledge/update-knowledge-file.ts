import { defineOperation, z } from '@platform/kit';
import { KnowledgeFile } from '../../knowledge-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'update_knowledge_file',
  method: 'PATCH',
  path: '/api-tenant-knowledge-files',
  selectWhen: 'file_id',
  title: 'Update a knowledge file',
  description: 'Rename a knowledge file or merge metadata into it (addressed as ?file_id=); a null metadata value removes that key.',
  input: z.object({
    file_id: Id.describe('Knowledge file id (UUID)'),
    filename: z.string().trim().min(1).max(255).optional().describe('New file name'),
    metadata: z.record(z.string().max(100), z.unknown()).optional().describe('Keys to set (null removes a key), e.g. {"revision":"C"}'),
  }),
  output: KnowledgeFile,
  auth: 'required',
  scopes: ['write:knowledge'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'knowledge',
  cli: ['knowledge', 'update-file'],
  summarize: (f) => `Updated ${f.filename} (${f.id}); metadata ${JSON.stringify(f.metadata)}.`,
});
