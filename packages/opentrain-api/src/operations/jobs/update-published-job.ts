import { defineOperation, z } from '@platform/kit';
import { featureGate } from '../../gates';
import { draftFieldShape, draftFieldsSchema, jobIdInput } from './schemas';

/** REST body = the fields; MCP = `{jobId, fields}` (see update-job-draft-fields.ts). */
export default defineOperation({
  name: 'opentrain_update_published_job',
  toolset: 'jobs',
  method: 'PATCH',
  path: '/jobs/{jobId}',
  description: 'Edit a live (OPEN) job by field name; re-moderated: a rejected edit is kept but unpublishes the job to DRAFT (409).',
  input: z
    .object({
      jobId: jobIdInput,
      fields: draftFieldsSchema.optional().describe('The fields to change, by name (same keys as draft updates)'),
      ...draftFieldShape,
    })
    .strict(),
  // MCP clients send only `{jobId, fields}`: listing every field twice would double the tool's schema.
  mcpInput: z.object({ jobId: jobIdInput, fields: draftFieldsSchema.describe('The fields to change, by name (same keys as draft updates)') }),
  output: z.object({
    ok: z.literal(true),
    jobId: z.string(),
    status: z.literal('OPEN'),
    jobUrl: z.string(),
    moderation: z.object({
      decision: z.literal('ALLOW'),
      reasons: z.array(z.unknown()),
    }),
  }),
  auth: 'required',
  scopes: ['jobs:write'],
  gates: [featureGate('public_api_job_publishing')],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  cli: ['jobs', 'update'],
  summarize: (out) => `Job ${out.jobId} updated and still live (moderation ${out.moderation.decision}). Public page: ${out.jobUrl}`,
});
