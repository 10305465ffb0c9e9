import { defineOperation, z } from '@platform/kit';
import { KnowledgeHit, optionalId } from '../../knowledge-schemas';

export default defineOperation({
  name: 'search_knowledge',
  method: 'GET',
  path: '/api-tenant-knowledge-search',
  title: 'Search knowledge',
  description: "Semantic + keyword search over the tenant's ready documents; returns the best chunks with document name, score and text.",
  input: z.object({
    query: z.string().trim().min(1).max(1000).describe('A question or keywords, e.g. "how do I isolate the conveyor before cleaning"'),
    collection_id: optionalId('Only search documents in this collection'),
    limit: z.number().int().min(1).max(50).default(5).describe('Chunks to return (1-50, default 5)'),
  }),
  output: z.object({ query: z.string(), results: z.array(KnowledgeHit) }),
  auth: 'required',
  scopes: ['read:knowledge'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'knowledge',
  cli: ['knowledge', 'search'],
  summarize: (out) => (out.results.length === 0 ? `No matching knowledge for "${out.query}".` : out.results.map((r, i) => `${i + 1}. ${r.document_name} (${r.score.toFixed(3)}):\n${r.text}`).join('\n\n')),
});
