/** @module Knowledge rows → the API shapes. */
import type { KnowledgeCollection, KnowledgeFile, KnowledgeItem, KnowledgeStatus } from '@trainar/api';
import { iso } from '../platform/db';
import type { KnowledgeCollectionsTable, KnowledgeFilesTable, KnowledgeItemsTable } from './tables';

export type FileRow = Omit<KnowledgeFilesTable, 'content'>;

export const FILE_COLUMNS = ['id', 'tenant_id', 'knowledge_id', 'filename', 'mime_type', 'size_bytes', 'status', 'error', 'chunk_count', 'metadata', 'created_at', 'processed_at'] as const;

export function presentFile(f: FileRow): KnowledgeFile {
  return {
    id: f.id,
    knowledge_id: f.knowledge_id,
    filename: f.filename,
    mime_type: f.mime_type,
    size_bytes: Number(f.size_bytes),
    status: f.status,
    error: f.error,
    chunk_count: Number(f.chunk_count),
    metadata: f.metadata ?? {},
    created_at: iso(f.created_at) as string,
    processed_at: iso(f.processed_at),
  };
}

/** Item row plus the aggregates `itemRows` computes (status: see the SQL there). */
export interface ItemRow extends KnowledgeItemsTable {
  status: KnowledgeStatus;
  file_count: number | string;
  chunk_count: number | string;
}

export function presentItem(i: ItemRow): KnowledgeItem {
  return {
    id: i.id,
    name: i.name,
    description: i.description,
    collection_id: i.collection_id,
    folder_id: i.folder_id,
    status: i.status,
    file_count: Number(i.file_count),
    chunk_count: Number(i.chunk_count),
    created_at: iso(i.created_at) as string,
    updated_at: iso(i.updated_at) as string,
  };
}

export function presentCollection(c: KnowledgeCollectionsTable, itemCount: number): KnowledgeCollection {
  return { id: c.id, name: c.name, description: c.description, item_count: Number(itemCount), created_at: iso(c.created_at) as string, updated_at: iso(c.updated_at) as string };
}
