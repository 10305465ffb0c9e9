import { defineOperation, z } from '@platform/kit';
import { KnowledgeCollection } from '../../knowledge-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'delete_knowledge_collection',
  method: 'DELETE',
  path: '/api-tenant-knowledge-collections',
  selectWhen: 'collection_id',
  title: 'Delete a knowledge collection',
  description: 'Delete a collection (addressed as ?collection_id=); its documents are kept and become uncategorised.',
  input: z.object({ collection_id: Id.describe('Collection id (UUID)') }),
  output: KnowledgeCollection,
  auth: 'required',
  scopes: ['write:knowledge'],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  toolset: 'knowledge',
  cli: ['knowledge', 'delete-collection'],
  summarize: (c) => `Deleted collection ${c.name}; its ${c.item_count} item(s) are now uncategorised.`,
});
