/** @module Handlers for the talent operations: proposals, interviews, freelancer profiles, invites. */
import { getFreelancerProfile, getProposal, getProposalInterview, inviteFreelancer, listProposals, updateProposalStatus } from '@opentrain/api';
import { implement } from '@platform/kit';
import type { OpenTrainAuth, OpenTrainContext } from '../context';

const caller = (ctx: OpenTrainContext) => ctx.auth as OpenTrainAuth;

export const talentOperations = [
  implement(listProposals, (input, ctx: OpenTrainContext) => ctx.services.proposals.list(caller(ctx).organizationId, input)),
  implement(getProposal, async (input, ctx: OpenTrainContext) => ({
    proposal: await ctx.services.proposals.detail(caller(ctx).organizationId, input.proposalId, input.includeInterview),
  })),
  implement(getProposalInterview, async (input, ctx: OpenTrainContext) => ({
    interview: await ctx.services.proposals.interview(caller(ctx).organizationId, input.proposalId),
  })),
  implement(getFreelancerProfile, async (input, ctx: OpenTrainContext) => ({
    freelancer: await ctx.services.freelancers.publicProfile(input.idOrSlug),
  })),
  implement(inviteFreelancer, async (input, ctx: OpenTrainContext) => {
    const { proposal, created } = await ctx.services.proposals.invite(caller(ctx).organizationId, input.jobId, input.freelancerId);
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
  implement(updateProposalStatus, (input, ctx: OpenTrainContext) => ctx.services.proposals.setStatus(caller(ctx).organizationId, input.proposalId, input.status, `employer:${caller(ctx).tokenId}`)),
];
