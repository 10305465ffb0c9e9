import { defineOperation, z } from '@platform/kit';
import { KnowledgeCollection } from '../../knowledge-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'update_knowledge_collection',
  method: 'PATCH',
  path: '/api-tenant-knowledge-collections',
  selectWhen: 'collection_id',
  title: 'Update a knowledge collection',
  description: 'Rename a knowledge collection or change its description (addressed as ?collection_id=).',
  input: z.object({
    collection_id: Id.describe('Collection id (UUID)'),
    name: z.string().trim().min(1).max(200).optional().describe('New name'),
    description: z.string().trim().max(2000).nullable().optional().describe('New description (null clears it)'),
  }),
  output: KnowledgeCollection,
  auth: 'required',
  scopes: ['write:knowledge'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'knowledge',
  cli: ['knowledge', 'update-collection'],
  summarize: (c) => `Updated collection ${c.name} (${c.id}).`,
});
