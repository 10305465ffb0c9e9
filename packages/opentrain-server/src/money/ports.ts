/**
 * @module What the money module needs from the modules before it, all required: the credit ledger
 * (credits), payment methods and top-ups (payments), jobs, proposals and freelancers (talent), the
 * contract's job DM (messaging), who may act on approvals (team), the account owner (accounts).
 * The composition root passes those modules' services, which satisfy these interfaces.
 */
import type { Executor } from '@platform/kit';
import type { UsersService } from '../accounts';
import type { CreditsService } from '../credits';
import type { Payments } from '../payments';
import type { FreelancerFrame } from '../talent';

export interface JobInfo {
  id: string;
  organizationId: string;
  status: string;
  title: string | null;
  fields: {
    paymentType?: string | null;
    pricePerHour?: unknown;
    pricePerLabel?: unknown;
    fixedPrice?: unknown;
    [key: string]: unknown;
  };
}

export interface ProposalInfo {
  id: string;
  jobId: string;
  organizationId: string;
  freelancerUserId: string;
  /** UNREVIEWED, SHORTLISTED, …, HIRED, DECLINED, NOT_A_FIT (a string or `{raw}`). */
  status: string | { raw?: string; label?: string };
  bidAmountUsd?: number | null;
  bidUnit?: string | null;
  sandbox?: boolean;
  contractId?: string | null;
}

export interface JobsDep {
  get(jobId: string): Promise<JobInfo | null | undefined>;
}
export interface ProposalsDep {
  /** `exec`: read inside the caller's transaction (PGlite has one connection: reading outside it would wait forever). */
  get(proposalId: string, exec?: Executor): Promise<ProposalInfo | null | undefined>;
  recordHire(trx: Executor, input: { proposalId: string; contractId: string }): Promise<unknown>;
}
export interface FreelancersDep {
  maskedName(userId: string): Promise<string | undefined>;
}
/** The contract a job DM is opened for. */
export interface JobConversationRef {
  organizationId: string;
  jobId: string;
  contractId: string;
  proposalId: string;
  freelancerUserId: string;
}
export interface MessagingDep {
  ensureJobConversation(trx: Executor, input: JobConversationRef): Promise<string>;
  markContractEnded(trx: Executor, contractId: string): Promise<unknown>;
}
export interface TeamDep {
  canActOnApprovals(organizationId: string, userId: string): Promise<boolean>;
}

/** The marketplace collaborators, as `Marketplace` (marketplace.ts) reads them. */
export interface MoneyMarketplacePorts {
  jobs: JobsDep;
  proposals: ProposalsDep;
  freelancers: FreelancersDep;
  messaging: MessagingDep;
  team: TeamDep;
}

export interface MoneyPorts extends MoneyMarketplacePorts {
  credits: CreditsService;
  payments: Payments;
  /** The billing and earnings pages find the signed-in user's organization. */
  users: Pick<UsersService, 'findById' | 'membership'>;
  /** The account owner, always allowed to act on the organization's approvals. */
  organizations: { get(organizationId: string): Promise<{ owner_user_id: string | null } | undefined> };
  /** The freelancer pages' frame (navigation with Earnings), for the trainer's earnings page. */
  freelancerFrame: Pick<FreelancerFrame, 'render'>;
}
