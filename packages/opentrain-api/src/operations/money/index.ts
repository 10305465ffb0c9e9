/** @module The money operations, in the order they appear in the registry (owned by the money domain). */
import type { AnyOperation } from '@platform/kit';
import createCreditTopUp from './create-credit-top-up';
import createMilestone from './create-milestone';
import endContract from './end-contract';
import getApproval from './get-approval';
import getContract from './get-contract';
import getCreditTopUp from './get-credit-top-up';
import getCredits from './get-credits';
import hireProposal from './hire-proposal';
import listContracts from './list-contracts';
import listCreditLedger from './list-credit-ledger';
import listPendingPayments from './list-pending-payments';
import requestMilestoneApproval from './request-milestone-approval';
import requestMilestoneFunding from './request-milestone-funding';

export { default as createCreditTopUp } from './create-credit-top-up';
export { default as createMilestone } from './create-milestone';
export { default as endContract } from './end-contract';
export { default as getApproval } from './get-approval';
export { default as getContract } from './get-contract';
export { default as getCreditTopUp } from './get-credit-top-up';
export { default as getCredits } from './get-credits';
export { default as hireProposal } from './hire-proposal';
export { default as listContracts } from './list-contracts';
export { default as listCreditLedger } from './list-credit-ledger';
export { default as listPendingPayments } from './list-pending-payments';
export { default as requestMilestoneApproval } from './request-milestone-approval';
export { default as requestMilestoneFunding } from './request-milestone-funding';
export * as moneySchemas from './schemas';

export const moneyOperations: AnyOperation[] = [
  hireProposal,
  listContracts,
  getContract,
  createMilestone,
  requestMilestoneFunding,
  requestMilestoneApproval,
  getApproval,
  endContract,
  getCredits,
  listCreditLedger,
  createCreditTopUp,
  getCreditTopUp,
  listPendingPayments,
];
