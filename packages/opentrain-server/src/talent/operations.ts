/** @module Handlers for the talent operations: proposals, interviews, freelancer profiles, invites. */
import { getFreelancerProfile, getProposal, getProposalInterview, inviteFreelancer, listProposals, updateProposalStatus } from '@opentrain/api';
import { implementTalent as implement } from './context';

export const talentOperations = [
  implement(listProposals, (input, ctx) => ctx.services.proposals.list(ctx.auth.organizationId, input)),
  implement(getProposal, async (input, ctx) => ({
    proposal: await ctx.services.proposals.detail(ctx.auth.organizationId, input.proposalId, input.includeInterview),
  })),
  implement(getProposalInterview, async (input, ctx) => ({
    interview: await ctx.services.proposals.interview(ctx.auth.organizationId, input.proposalId),
  })),
  implement(getFreelancerProfile, async (input, ctx) => ({
    freelancer: await ctx.services.freelancers.publicProfile(input.idOrSlug),
  })),
  implement(inviteFreelancer, async (input, ctx) => {
    const { proposal, created } = await ctx.services.proposals.invite(ctx.auth.organizationId, input.jobId, input.freelancerId);
    if (created) await ctx.services.sandboxMarketplace.onInvited(proposal.id, proposal.freelancer_user_id);
    else ctx.scope.setStatus(200);
    return {
      ok: true as const,
      proposalId: proposal.id,
      jobId: proposal.job_id,
      freelancerId: proposal.freelancer_user_id,
      alreadyInvited: !created,
    };
  }),
  implement(updateProposalStatus, (input, ctx) => ctx.services.proposals.setStatus(ctx.auth.organizationId, input.proposalId, input.status, `employer:${ctx.auth.tokenId}`)),
];
