import { defineOperation, z } from '@platform/kit';
import { PAY_TYPES, publicJobSchema, MARKETPLACE_HTTP } from './schemas';

export default defineOperation({
  name: 'opentrain_search_jobs',
  toolset: 'jobs',
  method: 'GET',
  path: '/jobs',
  description: 'Search open jobs on the public marketplace (no token needed): full-text query, language, country, pay type.',
  input: z.object({
    q: z.string().trim().max(200).optional().describe('Full-text query, e.g. "bounding boxes medical"'),
    query: z.string().trim().max(200).optional().describe('Alias of q'),
    language: z.string().trim().max(60).optional().describe('Only jobs needing this language (name or ISO code, e.g. Spanish or es)'),
    country: z.string().trim().max(80).optional().describe('Only jobs open to workers in this country (name or ISO code)'),
    payType: z.enum(PAY_TYPES).optional().describe('PAY_PER_HOUR, FIXED_PRICE or PAY_PER_LABEL'),
    limit: z.number().int().min(1).max(100).default(20).describe('Page size, 1-100 (default 20)'),
    cursor: z.string().max(300).optional().describe('nextCursor from the previous page'),
  }),
  output: z.object({
    jobs: z.array(publicJobSchema),
    nextCursor: z.string().nullable(),
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
  cli: ['jobs', 'search'],
  summarize: (out) => {
    const lines = out.jobs.map((j) => {
      const rate = j.pay.hourlyRate != null ? `$${j.pay.hourlyRate}/h` : j.pay.perLabelRate != null ? `$${j.pay.perLabelRate}/label` : j.pay.fixedPrice != null ? `$${j.pay.fixedPrice} fixed` : '';
      return `- ${j.id} "${j.title}" ${rate} ${j.languages.join('/')} ${j.url}`;
    });
    const next = out.nextCursor ? `More: cursor=${out.nextCursor}` : 'No more pages.';
    return [`${out.jobs.length} open job(s).`, ...lines, next].join('\n');
  },
});
