import { defineOperation, z } from '@platform/kit';
import { claimedGate, featureGate } from '../../gates';

export default defineOperation({
  name: 'opentrain_invite_freelancer',
  toolset: 'proposals',
  method: 'POST',
  path: '/jobs/{jobId}/invites',
  description: 'Invite an AI trainer to apply to one of your published jobs; idempotent per freelancer (201 new, 200 already invited).',
  input: z.object({
    jobId: z.string().min(1).max(64).describe('Your published job id'),
    freelancerId: z.string().min(1).max(64).describe('Freelancer id (candidate.id or freelancer.id)'),
  }),
  output: z.object({
    ok: z.literal(true),
    proposalId: z.string(),
    jobId: z.string(),
    freelancerId: z.string(),
    alreadyInvited: z.boolean(),
  }),
  auth: 'required',
  scopes: ['proposals:write'],
  gates: [claimedGate('invite AI trainers'), featureGate('public_api_hiring')],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  successStatus: 201,
  cli: ['jobs', 'invite'],
  summarize: (out) =>
    out.alreadyInvited
      ? `Freelancer ${out.freelancerId} already has proposal ${out.proposalId} on job ${out.jobId}; nothing new was sent.`
      : `Invited freelancer ${out.freelancerId} to job ${out.jobId} (proposal ${out.proposalId}). Watch opentrain_poll_updates for proposal.received.`,
});
