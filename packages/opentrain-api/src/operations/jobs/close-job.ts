import { defineOperation, z } from '@platform/kit';
import { featureGate } from '../../gates';
import { jobIdInput } from './schemas';

export default defineOperation({
  name: 'opentrain_close_job',
  toolset: 'jobs',
  method: 'POST',
  path: '/jobs/{jobId}/close',
  description: 'Close a job (ARCHIVED): it leaves the marketplace and takes no new proposals; contracts are unaffected. Idempotent.',
  input: z.object({ jobId: jobIdInput }),
  output: z.object({
    ok: z.literal(true),
    jobId: z.string(),
    status: z.literal('ARCHIVED'),
    alreadyClosed: z.boolean(),
  }),
  auth: 'required',
  scopes: ['jobs:write'],
  gates: [featureGate('public_api_job_publishing')],
  annotations: {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: true,
    openWorldHint: true,
  },
  cli: ['jobs', 'close'],
  summarize: (out) => (out.alreadyClosed ? `Job ${out.jobId} was already closed.` : `Job ${out.jobId} closed (ARCHIVED). Existing contracts continue.`),
});
