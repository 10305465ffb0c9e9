import { defineOperation, z } from '@platform/kit';
import { KnowledgeFile } from '../../knowledge-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'upload_knowledge_file',
  method: 'POST',
  path: '/api-tenant-knowledge-files',
  title: 'Upload a knowledge file',
  description: 'Add a file (content, file_base64 or url) to a knowledge item; it is queued for processing unless auto_process is false.',
  input: z.object({
    knowledge_id: Id.describe('Knowledge item id (UUID)'),
    filename: z.string().trim().min(1).max(255).describe('File name with extension, e.g. lockout.pdf'),
    mime_type: z.string().trim().max(200).optional().describe('MIME type; guessed from the file name when omitted'),
    content: z.string().optional().describe('The file as plain text (txt, md, csv, html)'),
    file_base64: z.string().optional().describe('The file bytes, base64-encoded'),
    url: z.string().max(2048).optional().describe('A public https URL to download the file from'),
    auto_process: z.boolean().default(true).describe('Queue processing now (default true)'),
  }),
  output: KnowledgeFile,
  auth: 'required',
  scopes: ['write:knowledge'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  successStatus: 201,
  toolset: 'knowledge',
  cli: ['knowledge', 'upload-file'],
  summarize: (f) => `Uploaded ${f.filename} (${f.id}, ${f.size_bytes} bytes): ${f.status}.`,
});
