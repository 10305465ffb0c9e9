import { defineOperation, z } from '@platform/kit';
import { featureGate } from '../../gates';
import { jobIdInput } from './schemas';

export default defineOperation({
  name: 'opentrain_publish_job',
  toolset: 'jobs',
  method: 'POST',
  path: '/jobs/{jobId}/publish',
  description: 'Publish a publish-ready draft to the marketplace (moderated; 20/day claimed, 3/day unclaimed); idempotent.',
  input: z.object({ jobId: jobIdInput }),
  output: z.object({
    ok: z.literal(true),
    jobId: z.string(),
    status: z.literal('OPEN'),
    alreadyPublished: z.boolean(),
    jobUrl: z.string(),
    publishAttemptId: z.string().nullable(),
    warnings: z.array(z.object({ code: z.string(), message: z.string() })),
    sideEffects: z.object({
      dispatched: z.boolean(),
      status: z.literal('queued'),
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
  cli: ['jobs', 'publish'],
  summarize: (out) =>
    [
      out.alreadyPublished ? `Job ${out.jobId} was already live.` : `Job ${out.jobId} is live (OPEN).`,
      `Public page: ${out.jobUrl}`,
      ...out.warnings.map((w) => `Warning ${w.code}: ${w.message}`),
      `Next: wait for proposals (opentrain_list_proposals with jobId ${out.jobId}, or opentrain_poll_updates); close it with opentrain_close_job when filled.`,
    ].join('\n'),
});
