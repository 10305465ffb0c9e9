import { defineOperation, z } from '@platform/kit';
import { KnowledgeCollection } from '../../knowledge-schemas';
import { limitField, offsetField, page } from '../../schemas';

export default defineOperation({
  name: 'list_knowledge_collections',
  method: 'GET',
  path: '/api-tenant-knowledge-collections',
  title: 'List knowledge collections',
  description: 'List knowledge collections by name with how many documents each holds.',
  input: z.object({ limit: limitField(100), offset: offsetField() }),
  output: z.object({ collections: z.array(KnowledgeCollection), ...page }),
  auth: 'required',
  scopes: ['read:knowledge'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'knowledge',
  cli: ['knowledge', 'collections'],
  summarize: (out) => (out.collections.length === 0 ? 'No collections.' : out.collections.map((c) => `${c.name}: ${c.item_count} item(s) (${c.id})`).join('; ')),
});
