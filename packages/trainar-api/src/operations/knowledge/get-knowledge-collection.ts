import { defineOperation, z } from '@platform/kit';
import { KnowledgeCollection } from '../../knowledge-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'get_knowledge_collection',
  method: 'GET',
  path: '/api-tenant-knowledge-collections',
  selectWhen: 'collection_id',
  title: 'Get a knowledge collection',
  description: 'Get one knowledge collection (addressed as ?collection_id=) with its document count.',
  input: z.object({ collection_id: Id.describe('Collection id (UUID)') }),
  output: KnowledgeCollection,
  auth: 'required',
  scopes: ['read:knowledge'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'knowledge',
  cli: ['knowledge', 'collection'],
  summarize: (c) => `${c.name}: ${c.item_count} item(s)${c.description ? `; ${c.description}` : ''}.`,
});
