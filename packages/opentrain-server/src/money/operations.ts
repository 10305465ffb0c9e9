/** @module Handlers of the money operations (spec 3.4 hire, 3.6, 3.7): thin calls into the money services. */
import {
  createCreditTopUp,
  createMilestone,
  endContract,
  getApproval,
  getContract,
  getCredits,
  getCreditTopUp,
  hireProposal,
  listContracts,
  listCreditLedger,
  listPendingPayments,
  requestMilestoneApproval,
  requestMilestoneFunding,
} from '@opentrain/api';
import { implement } from '@platform/kit';
import type { OpenTrainAuth, OpenTrainContext } from '../context';

const auth = (ctx: OpenTrainContext) => ctx.auth as OpenTrainAuth;
const caller = (ctx: OpenTrainContext) => ({
  organizationId: auth(ctx).organizationId,
  tokenId: auth(ctx).tokenId,
});

export const moneyOperations = [
  implement(hireProposal, async (input, ctx: OpenTrainContext) => {
    const { approval, message } = await ctx.services.money.contracts.requestHire(caller(ctx), input.proposalId, input);
    return { approval, message };
  }),
  implement(listContracts, async (input, ctx: OpenTrainContext) => ({
    contracts: await ctx.services.money.contracts.list(auth(ctx).organizationId, input),
  })),
  implement(getContract, async (input, ctx: OpenTrainContext) => ({
    contract: await ctx.services.money.contracts.get(auth(ctx).organizationId, input.contractId),
  })),
  implement(createMilestone, async (input, ctx: OpenTrainContext) => ({
    milestone: await ctx.services.money.contracts.createMilestone(auth(ctx).organizationId, input.contractId, input),
  })),
  implement(requestMilestoneFunding, (input, ctx: OpenTrainContext) => ctx.services.money.contracts.requestFunding(caller(ctx), input.milestoneId)),
  implement(requestMilestoneApproval, (input, ctx: OpenTrainContext) => ctx.services.money.contracts.requestApproval(caller(ctx), input.milestoneId)),
  implement(getApproval, async (input, ctx: OpenTrainContext) => {
    const { contracts, approvals } = ctx.services.money;
    return {
      approval: contracts.approvalJson(await approvals.get(input.approvalId, auth(ctx).organizationId)),
    };
  }),
  implement(endContract, async (input, ctx: OpenTrainContext) => {
    const outcome = await ctx.services.money.contracts.end(caller(ctx), input.contractId);
    if (outcome.direct)
      return {
        ok: true,
        contractId: outcome.contractId,
        status: 'ended' as const,
      };
    ctx.scope.setStatus(202);
    return { approval: outcome.approval, message: outcome.message };
  }),
  implement(getCredits, (_input, ctx: OpenTrainContext) => ctx.services.money.creditsApi.summary(auth(ctx).organizationId)),
  implement(listCreditLedger, (input, ctx: OpenTrainContext) => ctx.services.money.creditsApi.ledger(auth(ctx).organizationId, input)),
  implement(createCreditTopUp, (input, ctx: OpenTrainContext) => ctx.services.money.creditsApi.createTopUp(auth(ctx).organizationId, input)),
  implement(getCreditTopUp, (input, ctx: OpenTrainContext) => ctx.services.money.creditsApi.getTopUp(auth(ctx).organizationId, input.topUpId)),
  implement(listPendingPayments, async (_input, ctx: OpenTrainContext) => ({
    payments: await ctx.services.money.contracts.pendingPayments(auth(ctx).organizationId),
  })),
];
