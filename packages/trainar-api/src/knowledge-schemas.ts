/**
 * @module Knowledge shapes (spec 2.8): items ("sources") holding files, chunked and embedded for
 * `search_knowledge`; collections group items (an item is in at most one); folders organise them.
 */
import { z } from '@platform/kit';
import { Id, Timestamp } from './schemas';

export const KNOWLEDGE_STATUSES = ['pending', 'queued', 'processing', 'embedding', 'ready', 'failed'] as const;
export const KnowledgeStatus = z.enum(KNOWLEDGE_STATUSES);
export type KnowledgeStatus = z.infer<typeof KnowledgeStatus>;

/** Formats whose text is extracted; anything else is refused at upload with the list. */
export const KNOWLEDGE_MIME_TYPES = ['text/plain', 'text/markdown', 'text/csv', 'text/html', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'] as const;

export const KnowledgeFile = z.object({
  id: z.string().describe('File id (UUID)'),
  knowledge_id: z.string(),
  filename: z.string(),
  mime_type: z.string(),
  size_bytes: z.number().int(),
  status: KnowledgeStatus,
  error: z.string().nullable().describe('Why processing failed (status failed)'),
  chunk_count: z.number().int(),
  metadata: z.record(z.string(), z.unknown()),
  created_at: Timestamp,
  processed_at: Timestamp.nullable(),
});
export type KnowledgeFile = z.infer<typeof KnowledgeFile>;

export const KnowledgeItem = z.object({
  id: z.string().describe('Knowledge item id (UUID)'),
  name: z.string(),
  description: z.string().nullable(),
  collection_id: z.string().nullable().describe('null = uncategorised'),
  folder_id: z.string().nullable(),
  status: KnowledgeStatus.describe('pending: no files; otherwise the least advanced file status (failed if any file failed)'),
  file_count: z.number().int(),
  chunk_count: z.number().int(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type KnowledgeItem = z.infer<typeof KnowledgeItem>;

export const KnowledgeItemDetail = KnowledgeItem.extend({ files: z.array(KnowledgeFile) });
export type KnowledgeItemDetail = z.infer<typeof KnowledgeItemDetail>;

export const KnowledgeCollection = z.object({
  id: z.string().describe('Collection id (UUID)'),
  name: z.string(),
  description: z.string().nullable(),
  item_count: z.number().int(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type KnowledgeCollection = z.infer<typeof KnowledgeCollection>;

export const KnowledgeHit = z.object({
  chunk_id: z.string(),
  knowledge_id: z.string(),
  file_id: z.string(),
  document_name: z.string().describe('Knowledge item name'),
  filename: z.string(),
  collection_id: z.string().nullable(),
  score: z.number().describe('Fused relevance (higher is better)'),
  text: z.string(),
});
export type KnowledgeHit = z.infer<typeof KnowledgeHit>;

const filename = z.string().trim().min(1).max(255).describe('File name with extension, e.g. lockout.pdf');
const mimeType = z.string().trim().max(200).optional().describe('MIME type; guessed from the file name when omitted');

/** One file in an upload: inline text, base64 bytes or a public https URL (exactly one). */
export const KnowledgeFileInput = z.object({
  filename,
  mime_type: mimeType,
  content: z.string().optional().describe('The file as plain text (txt, md, csv, html)'),
  file_base64: z.string().optional().describe('The file bytes, base64-encoded (pdf, docx, any format)'),
  url: z.string().max(2048).optional().describe('A public https URL to download the file from'),
});
export type KnowledgeFileInput = z.infer<typeof KnowledgeFileInput>;

export const optionalId = (what: string) => Id.optional().describe(what);
