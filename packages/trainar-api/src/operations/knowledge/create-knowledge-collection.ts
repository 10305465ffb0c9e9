import { defineOperation, z } from '@platform/kit';
import { KnowledgeCollection } from '../../knowledge-schemas';

export default defineOperation({
  name: 'create_knowledge_collection',
  method: 'POST',
  path: '/api-tenant-knowledge-collections',
  title: 'Create a knowledge collection',
  description: 'Create a named collection to group knowledge items (names are unique per tenant).',
  input: z.object({
    name: z.string().trim().min(1).max(200).describe('Collection name, e.g. "COSHH sheets"'),
    description: z.string().trim().max(2000).optional().describe('What the collection holds (the AI sees it)'),
  }),
  output: KnowledgeCollection,
  auth: 'required',
  scopes: ['write:knowledge'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  successStatus: 201,
  toolset: 'knowledge',
  cli: ['knowledge', 'create-collection'],
  summarize: (c) => `Created collection ${c.name} (${c.id}).`,
});
