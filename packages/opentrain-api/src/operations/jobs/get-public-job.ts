import { defineOperation, z } from '@platform/kit';
import { MARKETPLACE_HTTP, publicJobSchema } from './schemas';

/** Unlisted → 404 with the body `{id, status:"closed"}` (not the error envelope), as documented. */
export default defineOperation({
  name: 'opentrain_get_public_job',
  method: 'GET',
  path: '/jobs/{jobId}',
  description: 'One open marketplace job by id (no token needed); unlisted jobs answer 404 {id, status:"closed"}.',
  input: z.object({
    jobId: z.string().trim().min(1).max(64).describe('Job id'),
  }),
  output: publicJobSchema,
  auth: 'none',
  http: MARKETPLACE_HTTP,
  otherResponses: {
    404: {
      description: 'The job is closed or was never published (not the error envelope).',
      schema: z.object({ id: z.string(), status: z.literal('closed') }),
      cacheControl: 'public, max-age=60',
    },
  },
  scopes: [],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  exclude: ['mcp'],
  cli: ['jobs', 'get'],
  summarize: (out) => `${out.id} "${out.title}" (${out.status}) ${out.url}`,
});
