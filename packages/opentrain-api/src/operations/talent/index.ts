/** @module The talent operations, in the order they appear in the registry (owned by the talent domain). */
import type { AnyOperation } from '@platform/kit';
import getFreelancerProfile from './get-freelancer-profile';
import getProposal from './get-proposal';
import getProposalInterview from './get-proposal-interview';
import inviteFreelancer from './invite-freelancer';
import listProposals from './list-proposals';
import updateProposalStatus from './update-proposal-status';

export { default as getFreelancerProfile } from './get-freelancer-profile';
export { default as getProposal } from './get-proposal';
export { default as getProposalInterview } from './get-proposal-interview';
export { default as inviteFreelancer } from './invite-freelancer';
export { default as listProposals } from './list-proposals';
export { default as updateProposalStatus } from './update-proposal-status';
export * from './schemas';

export const talentOperations: AnyOperation[] = [listProposals, getProposal, getProposalInterview, getFreelancerProfile, inviteFreelancer, updateProposalStatus];
