/**
 * @module What the money domain needs from the domains built before it (jobs, talent, messaging,
 * feed), declared here as small interfaces and read defensively from the composed services: a
 * missing collaborator is a 503 naming it, never a silent success.
 */
import { ApiError, type Executor, notFound } from '@platform/kit';

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

interface JobsDep {
  get(jobId: string): Promise<JobInfo | null | undefined>;
}
interface ProposalsDep {
  /** `exec`: read inside the caller's transaction (PGlite has one connection: reading outside it would wait forever). */
  get(proposalId: string, exec?: Executor): Promise<ProposalInfo | null | undefined>;
  recordHire(trx: Executor, input: { proposalId: string; contractId: string }): Promise<unknown>;
}
interface FreelancersDep {
  maskedName(userId: string): Promise<string | undefined>;
  isSandbox?(userId: string): Promise<boolean>;
}
interface MessagingDep {
  ensureJobConversation(
    trx: Executor,
    input: {
      organizationId: string;
      jobId: string;
      contractId: string;
      proposalId: string;
      freelancerUserId: string;
    },
  ): Promise<string>;
  markContractEnded(trx: Executor, contractId: string): Promise<unknown>;
}
interface TeamDep {
  canActOnApprovals(organizationId: string, userId: string): Promise<boolean>;
}

export interface MarketplaceDeps {
  jobs?: Partial<JobsDep>;
  proposals?: Partial<ProposalsDep>;
  freelancers?: Partial<FreelancersDep>;
  messaging?: Partial<MessagingDep>;
  team?: Partial<TeamDep>;
}

const unavailable = (what: string) =>
  new ApiError({
    kind: 'unavailable',
    message: `${what} is not available on this server yet.`,
    details: { reason: 'dependency_unavailable', dependency: what },
  });

export const normalizeStatus = (status: ProposalInfo['status']): string =>
  String(typeof status === 'string' ? status : (status?.raw ?? ''))
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');

/** Answers "not found" for missing and for other accounts' resources alike (no existence leak). */
const isNotFound = (err: unknown) => err instanceof ApiError && (err.kind === 'not_found' || err.kind === 'forbidden');

export class Marketplace {
  constructor(private readonly deps: MarketplaceDeps) {}

  async proposal(proposalId: string, organizationId: string, exec?: Executor): Promise<ProposalInfo> {
    const get = this.deps.proposals?.get;
    if (!get) throw unavailable('proposals.get');
    let proposal: ProposalInfo | null | undefined;
    try {
      proposal = exec ? await get.call(this.deps.proposals, proposalId, exec) : await get.call(this.deps.proposals, proposalId);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    if (!proposal || proposal.organizationId !== organizationId)
      throw notFound(`No proposal ${proposalId}.`, {
        resource: 'proposals',
        proposalId,
      });
    return proposal;
  }

  async job(jobId: string): Promise<JobInfo | null> {
    const get = this.deps.jobs?.get;
    if (!get) throw unavailable('jobs.get');
    try {
      return (await get.call(this.deps.jobs, jobId)) ?? null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async recordHire(trx: Executor, input: { proposalId: string; contractId: string }): Promise<void> {
    const recordHire = this.deps.proposals?.recordHire;
    if (!recordHire) throw unavailable('proposals.recordHire');
    await recordHire.call(this.deps.proposals, trx, input);
  }

  async ensureJobConversation(
    trx: Executor,
    input: {
      organizationId: string;
      jobId: string;
      contractId: string;
      proposalId: string;
      freelancerUserId: string;
    },
  ): Promise<string | null> {
    const ensure = this.deps.messaging?.ensureJobConversation;
    if (!ensure) throw unavailable('messaging.ensureJobConversation');
    return ensure.call(this.deps.messaging, trx, input);
  }

  /** The contract's job DM becomes read-only (skipped when messaging does not offer it). */
  async markContractEnded(trx: Executor, contractId: string): Promise<void> {
    const mark = this.deps.messaging?.markContractEnded;
    if (mark) await mark.call(this.deps.messaging, trx, contractId);
  }

  /** "Maria G." — never an email; falls back to a neutral label when talent is unavailable. */
  async maskedName(userId: string): Promise<string> {
    const masked = this.deps.freelancers?.maskedName;
    if (!masked) return 'AI trainer';
    try {
      return (await masked.call(this.deps.freelancers, userId)) ?? 'AI trainer';
    } catch (err) {
      if (isNotFound(err)) return 'AI trainer';
      throw err;
    }
  }

  /** Team members allowed to act on approvals (the owner is checked by the caller). */
  async teamMemberCanAct(organizationId: string, userId: string): Promise<boolean> {
    const can = this.deps.team?.canActOnApprovals;
    return can ? Boolean(await can.call(this.deps.team, organizationId, userId)) : false;
  }
}
