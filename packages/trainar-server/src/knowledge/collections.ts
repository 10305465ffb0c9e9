/** @module Knowledge collections (an item is in at most one; deleting one leaves its items uncategorised) and folders. */
import { badRequest, type Clock, conflict, notFound } from '@platform/kit';
import type { KnowledgeCollection } from '@trainar/api';
import { sql } from 'kysely';
import { presentCollection } from './present';
import type { KnowledgeDb, KnowledgeFoldersTable } from './tables';
import { bumpIndexVersion } from './vectors';

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

export class CollectionStore {
  constructor(
    private readonly db: KnowledgeDb,
    private readonly clock: Clock,
  ) {}

  async list(tenantId: string, input: { limit: number; offset: number }) {
    const [rows, total] = await Promise.all([
      this.withCounts(tenantId).orderBy('c.name').orderBy('c.id').limit(input.limit).offset(input.offset).execute(),
      this.db
        .selectFrom('knowledge_collections')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow(),
    ]);
    return { collections: rows.map((r) => presentCollection(r, Number(r.item_count))), total: Number(total.n), limit: input.limit, offset: input.offset };
  }

  async get(tenantId: string, collectionId: string): Promise<KnowledgeCollection> {
    const row = await this.withCounts(tenantId).where('c.id', '=', collectionId).executeTakeFirst();
    if (!row) throw notFound(`No knowledge collection ${collectionId} in this tenant; list_knowledge_collections shows the ids.`, { field: 'collection_id' });
    return presentCollection(row, Number(row.item_count));
  }

  async create(tenantId: string, input: { name: string; description?: string }): Promise<KnowledgeCollection> {
    const now = this.clock.now();
    const id = crypto.randomUUID();
    try {
      await this.db
        .insertInto('knowledge_collections')
        .values({ id, tenant_id: tenantId, name: input.name, description: input.description ?? null, created_at: now, updated_at: now })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`A collection named "${input.name}" already exists; pick another name or use update_knowledge_collection.`, { field: 'name' });
      throw err;
    }
    return this.get(tenantId, id);
  }

  async update(tenantId: string, input: { collection_id: string; name?: string; description?: string | null }): Promise<KnowledgeCollection> {
    await this.get(tenantId, input.collection_id);
    const set: Record<string, unknown> = { updated_at: this.clock.now() };
    if (input.name !== undefined) set.name = input.name;
    if (input.description !== undefined) set.description = input.description;
    try {
      await this.db.updateTable('knowledge_collections').set(set).where('tenant_id', '=', tenantId).where('id', '=', input.collection_id).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict(`A collection named "${input.name}" already exists; pick another name.`, { field: 'name' });
      throw err;
    }
    return this.get(tenantId, input.collection_id);
  }

  /** The items stay, uncategorised (the foreign key sets collection_id to null). */
  async delete(tenantId: string, collectionId: string): Promise<KnowledgeCollection> {
    const before = await this.get(tenantId, collectionId);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('knowledge_collections').where('tenant_id', '=', tenantId).where('id', '=', collectionId).execute();
      await bumpIndexVersion(trx, tenantId);
    });
    return before;
  }

  /** Moves an item into a collection (or out with null): the dashboard's "move" action. */
  async assign(tenantId: string, knowledgeId: string, collectionId: string | null): Promise<void> {
    await this.assertPlacement(tenantId, collectionId ?? undefined, undefined);
    await this.db.transaction().execute(async (trx) => {
      const moved = await trx.updateTable('knowledge_items').set({ collection_id: collectionId, updated_at: this.clock.now() }).where('tenant_id', '=', tenantId).where('id', '=', knowledgeId).executeTakeFirst();
      if (!Number(moved.numUpdatedRows)) throw notFound(`No knowledge item ${knowledgeId} in this tenant.`, { field: 'knowledge_id' });
      await bumpIndexVersion(trx, tenantId);
    });
  }

  async folders(tenantId: string): Promise<KnowledgeFoldersTable[]> {
    return this.db.selectFrom('knowledge_folders').selectAll().where('tenant_id', '=', tenantId).orderBy('name').execute();
  }

  async createFolder(tenantId: string, input: { name: string; parent_id?: string }): Promise<KnowledgeFoldersTable> {
    const name = input.name.trim();
    if (!name || name.length > 200) throw badRequest('Folder name must be 1-200 characters.', { field: 'name' });
    if (input.parent_id) await this.assertPlacement(tenantId, undefined, input.parent_id);
    return this.db
      .insertInto('knowledge_folders')
      .values({ id: crypto.randomUUID(), tenant_id: tenantId, parent_id: input.parent_id ?? null, name, created_at: this.clock.now() })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** A collection or folder named in an input must be the tenant's own (404 naming the field otherwise). */
  async assertPlacement(tenantId: string, collectionId: string | undefined, folderId: string | undefined): Promise<void> {
    if (collectionId) await this.get(tenantId, collectionId);
    if (folderId) {
      const folder = await this.db.selectFrom('knowledge_folders').select('id').where('tenant_id', '=', tenantId).where('id', '=', folderId).executeTakeFirst();
      if (!folder) throw notFound(`No knowledge folder ${folderId} in this tenant; create folders on the dashboard Knowledge page.`, { field: 'folder_id' });
    }
  }

  private withCounts(tenantId: string) {
    return this.db
      .selectFrom('knowledge_collections as c')
      .selectAll('c')
      .select(sql<string>`(select count(*) from knowledge_items i where i.collection_id = c.id and i.tenant_id = c.tenant_id)`.as('item_count'))
      .where('c.tenant_id', '=', tenantId);
  }
}
