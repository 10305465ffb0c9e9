/** @module Knowledge item queries shared by the service and the page: one row per item with its status and counts. */
import type { KnowledgeStatus } from '@trainar/api';
import { sql } from 'kysely';
import type { ItemRow } from './present';
import type { KnowledgeDb } from './tables';

export interface ItemFilter {
  id?: string;
  collection_id?: string;
  folder_id?: string;
  status?: KnowledgeStatus;
  limit: number;
  offset: number;
}

/**
 * An item's status is its least advanced file's: failed wins, then processing, embedding, queued,
 * pending (uploaded with auto_process false); all ready = ready; no files = pending.
 */
export async function itemRows(db: KnowledgeDb, tenantId: string, f: ItemFilter): Promise<{ rows: ItemRow[]; total: number }> {
  const where = [sql`i.tenant_id = ${tenantId}`];
  if (f.id) where.push(sql`i.id = ${f.id}`);
  if (f.collection_id) where.push(sql`i.collection_id = ${f.collection_id}`);
  if (f.folder_id) where.push(sql`i.folder_id = ${f.folder_id}`);
  const outer = f.status ? sql`where x.status = ${f.status}` : sql``;
  const { rows } = await sql<ItemRow & { total: string }>`select x.*, count(*) over () as total from (
      select i.*, count(f.id) as file_count, coalesce(sum(f.chunk_count), 0) as chunk_count,
        case when count(f.id) = 0 then 'pending'
          when bool_or(f.status = 'failed') then 'failed'
          when bool_or(f.status = 'processing') then 'processing'
          when bool_or(f.status = 'embedding') then 'embedding'
          when bool_or(f.status = 'queued') then 'queued'
          when bool_or(f.status = 'pending') then 'pending'
          else 'ready' end as status
      from knowledge_items i left join knowledge_files f on f.knowledge_id = i.id
      where ${sql.join(where, sql` and `)}
      group by i.id
    ) x ${outer}
    order by x.created_at desc, x.id desc limit ${f.limit} offset ${f.offset}`.execute(db);
  return { rows, total: Number(rows[0]?.total ?? 0) };
}
