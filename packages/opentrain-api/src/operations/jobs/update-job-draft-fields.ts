import { defineOperation, z } from '@platform/kit';
import { featureGate } from '../../gates';
import { draftFieldShape, draftFieldsSchema, draftStateSchema, jobIdInput, summarizeDraft } from './schemas';

/**
 * REST sends the fields themselves as the body (`PATCH /job-drafts/{jobId}` `{paymentType: …}`);
 * MCP sends `{jobId, fields: {...}}`. Both are accepted; unknown keys → 400 listing them.
 */
export default defineOperation({
  name: 'opentrain_update_job_draft_fields',
  toolset: 'jobs',
  method: 'PATCH',
  path: '/job-drafts/{jobId}',
  description: 'Set draft fields by name (exact enum values; null clears); returns the new validation and what is still missing.',
  input: z
    .object({
      jobId: jobIdInput,
      fields: draftFieldsSchema.optional().describe('The fields to set, by name (keys from opentrain_capabilities draft.updateKeys)'),
      ...draftFieldShape,
    })
    .strict(),
  // MCP clients send only `{jobId, fields}`: listing every field twice would double the tool's schema.
  mcpInput: z.object({ jobId: jobIdInput, fields: draftFieldsSchema.describe('The fields to set, by name (keys from opentrain_capabilities draft.updateKeys)') }),
  output: draftStateSchema,
  auth: 'required',
  scopes: ['jobs:write'],
  gates: [featureGate('public_api_job_drafting')],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['jobs', 'draft', 'update'],
  summarize: (out) => summarizeDraft(out, 'updated'),
});
