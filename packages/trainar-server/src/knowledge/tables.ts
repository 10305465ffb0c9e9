/** @module Knowledge table types (Kysely), kept in the module so the shared db.ts stays untouched. */
import type { Kysely } from 'kysely';
import type { TrainArTables as CoreTables } from '../platform/db';

export interface KnowledgeCollectionsTable {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface KnowledgeFoldersTable {
  id: string;
  tenant_id: string;
  parent_id: string | null;
  name: string;
  created_at: Date;
}

export interface KnowledgeItemsTable {
  id: string;
  tenant_id: string;
  name: string;
  description: string | null;
  collection_id: string | null;
  folder_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface KnowledgeFilesTable {
  id: string;
  tenant_id: string;
  knowledge_id: string;
  filename: string;
  mime_type: string;
  size_bytes: number;
  content: Uint8Array;
  status: 'pending' | 'queued' | 'processing' | 'embedding' | 'ready' | 'failed';
  error: string | null;
  chunk_count: number;
  metadata: Record<string, unknown>;
  created_at: Date;
  processed_at: Date | null;
}

export interface KnowledgeChunksTable {
  id: string;
  tenant_id: string;
  file_id: string;
  knowledge_id: string;
  ordinal: number;
  text: string;
  /** Big-endian float4s, written and read only where pgvector is absent (vectors.ts). */
  embedding_f32: Uint8Array | null;
  embedding_model: string | null;
}

export interface KnowledgeTables extends CoreTables {
  knowledge_collections: KnowledgeCollectionsTable;
  knowledge_folders: KnowledgeFoldersTable;
  knowledge_items: KnowledgeItemsTable;
  knowledge_files: KnowledgeFilesTable;
  knowledge_chunks: KnowledgeChunksTable;
  knowledge_index_versions: { tenant_id: string; version: number };
}

export type KnowledgeDb = Kysely<KnowledgeTables>;
