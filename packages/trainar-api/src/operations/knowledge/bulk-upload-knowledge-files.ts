import { defineOperation, z } from '@platform/kit';
import { KnowledgeFile, KnowledgeFileInput } from '../../knowledge-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'bulk_upload_knowledge_files',
  method: 'POST',
  path: '/api-tenant-knowledge-files-bulk',
  title: 'Bulk upload knowledge files',
  description: 'Add up to 20 files to a knowledge item at once (all or none are stored); each is queued for processing unless auto_process is false.',
  input: z.object({
    knowledge_id: Id.describe('Knowledge item id (UUID)'),
    files: z.array(KnowledgeFileInput).min(1).max(20).describe('Files, each with filename and one of content, file_base64 or url'),
    auto_process: z.boolean().default(true).describe('Queue processing now (default true)'),
  }),
  output: z.object({ files: z.array(KnowledgeFile) }),
  auth: 'required',
  scopes: ['write:knowledge'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  successStatus: 201,
  toolset: 'knowledge',
  cli: ['knowledge', 'bulk-upload'],
  summarize: (out) => `Uploaded ${out.files.length} file(s): ${out.files.map((f) => `${f.filename} ${f.status} (${f.id})`).join('; ')}.`,
});
