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
import type { OpenTrainAuth } from '../platform/context';
import { implementMoney as implement } from './context';

const caller = (auth: OpenTrainAuth) => ({ organizationId: auth.organizationId, tokenId: auth.tokenId });

export const moneyOperations = [
  implement(hireProposal, async (input, ctx) => {
    const { approval, message } = await ctx.services.money.contracts.requestHire(caller(ctx.auth), input.proposalId, input);
    return { approval, message };
  }),
  implement(listContracts, async (input, ctx) => ({
    contracts: await ctx.services.money.contracts.list(ctx.auth.organizationId, input),
  })),
  implement(getContract, async (input, ctx) => ({
    contract: await ctx.services.money.contracts.get(ctx.auth.organizationId, input.contractId),
  })),
  implement(createMilestone, async (input, ctx) => ({
    milestone: await ctx.services.money.contracts.createMilestone(ctx.auth.organizationId, input.contractId, input),
  })),
  implement(requestMilestoneFunding, (input, ctx) => ctx.services.money.contracts.requestFunding(caller(ctx.auth), input.milestoneId)),
  implement(requestMilestoneApproval, (input, ctx) => ctx.services.money.contracts.requestApproval(caller(ctx.auth), input.milestoneId)),
  implement(getApproval, async (input, ctx) => {
    const { contracts, approvals } = ctx.services.money;
    return {
      approval: contracts.approvalJson(await approvals.get(input.approvalId, ctx.auth.organizationId)),
    };
  }),
  implement(endContract, async (input, ctx) => {
    const outcome = await ctx.services.money.contracts.end(caller(ctx.auth), input.contractId);
    if (outcome.direct)
      return {
        ok: true,
        contractId: outcome.contractId,
        status: 'ended' as const,
      };
    ctx.scope.setStatus(202);
    return { approval: outcome.approval, message: outcome.message };
  }),
  implement(getCredits, (_input, ctx) => ctx.services.money.creditsApi.summary(ctx.auth.organizationId)),
  implement(listCreditLedger, (input, ctx) => ctx.services.money.creditsApi.ledger(ctx.auth.organizationId, input)),
  implement(createCreditTopUp, (input, ctx) => ctx.services.money.creditsApi.createTopUp(ctx.auth.organizationId, input)),
  implement(getCreditTopUp, (input, ctx) => ctx.services.money.creditsApi.getTopUp(ctx.auth.organizationId, input.topUpId)),
  implement(listPendingPayments, async (_input, ctx) => ({
    payments: await ctx.services.money.contracts.pendingPayments(ctx.auth.organizationId),
  })),
];
