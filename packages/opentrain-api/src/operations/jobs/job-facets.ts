import { defineOperation, z } from '@platform/kit';
import { MARKETPLACE_HTTP } from './schemas';

const facet = z.array(z.object({ value: z.string(), count: z.number().int() }));

export default defineOperation({
  name: 'opentrain_job_facets',
  method: 'GET',
  path: '/jobs/facets',
  description: 'Counts of open marketplace jobs by category, language, country and pay type (no token needed).',
  input: z.object({}),
  output: z.object({
    totalJobs: z.number().int(),
    categories: facet,
    languages: facet,
    countries: facet,
    payTypes: facet,
    generatedAt: z.string(),
  }),
  auth: 'none',
  http: MARKETPLACE_HTTP,
  scopes: [],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  exclude: ['mcp'],
  cli: ['jobs', 'facets'],
  summarize: (out) =>
    `${out.totalJobs} open job(s). Top languages: ${
      out.languages
        .slice(0, 5)
        .map((f) => `${f.value} (${f.count})`)
        .join(', ') || '-'
    }.`,
});
