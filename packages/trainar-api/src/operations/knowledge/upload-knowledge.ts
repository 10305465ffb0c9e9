import { defineOperation, z } from '@platform/kit';
import { KnowledgeItemDetail, optionalId } from '../../knowledge-schemas';

export default defineOperation({
  name: 'upload_knowledge',
  method: 'POST',
  path: '/api-tenant-knowledge',
  title: 'Upload knowledge',
  description: 'Create a knowledge item, optionally with a first file (content, file_base64 or url); it is processed for search unless auto_process is false.',
  input: z.object({
    name: z.string().trim().min(1).max(200).describe('Document name shown to users and in search results'),
    description: z.string().trim().max(2000).optional().describe('What the document is about (the AI sees it)'),
    collection_id: optionalId('Collection to put the item in'),
    folder_id: optionalId('Folder to put the item in'),
    content: z.string().optional().describe('The document as plain text or markdown'),
    file_base64: z.string().optional().describe('The file bytes, base64-encoded (needs filename)'),
    url: z.string().max(2048).optional().describe('A public https URL to download the file from'),
    filename: z.string().trim().min(1).max(255).optional().describe('File name with extension (default: name + .txt for content)'),
    mime_type: z.string().trim().max(200).optional().describe('MIME type; guessed from the file name when omitted'),
    auto_process: z.boolean().default(true).describe('Queue processing now (default true); false waits for process_knowledge'),
  }),
  output: KnowledgeItemDetail,
  auth: 'required',
  scopes: ['write:knowledge'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  successStatus: 201,
  toolset: 'knowledge',
  cli: ['knowledge', 'upload'],
  summarize: (k) => `Created ${k.name} (${k.id}): ${k.status}, ${k.files.length} file(s). Check progress with get_knowledge.`,
});
