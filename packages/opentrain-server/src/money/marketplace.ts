/**
 * @module The money module's view of the marketplace (jobs, proposals, freelancers, job DMs, team),
 * over its required ports (ports.ts): not-found answers are normalised (other accounts' resources
 * read as missing, no existence leak) and names fall back to a neutral label.
 */
import { ApiError, type Executor, notFound } from '@platform/kit';

import type { JobConversationRef, JobInfo, MoneyMarketplacePorts, ProposalInfo } from './ports';

export type { JobInfo, ProposalInfo } from './ports';

export const normalizeStatus = (status: ProposalInfo['status']): string =>
  String(typeof status === 'string' ? status : (status?.raw ?? ''))
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');

/** Answers "not found" for missing and for other accounts' resources alike (no existence leak). */
const isNotFound = (err: unknown) => err instanceof ApiError && (err.kind === 'not_found' || err.kind === 'forbidden');

export class Marketplace {
  constructor(private readonly deps: MoneyMarketplacePorts) {}

  /** The organization's proposal, or null when it is missing or another account's. */
  async findProposal(proposalId: string, organizationId: string, exec?: Executor): Promise<ProposalInfo | null> {
    let proposal: ProposalInfo | null | undefined;
    try {
      proposal = exec ? await this.deps.proposals.get(proposalId, exec) : await this.deps.proposals.get(proposalId);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    return proposal && proposal.organizationId === organizationId ? proposal : null;
  }

  async proposal(proposalId: string, organizationId: string, exec?: Executor): Promise<ProposalInfo> {
    const proposal = await this.findProposal(proposalId, organizationId, exec);
    if (!proposal)
      throw notFound(`No proposal ${proposalId}.`, {
        resource: 'proposals',
        proposalId,
      });
    return proposal;
  }

  /** The job, or null when it does not exist. */
  async job(jobId: string): Promise<JobInfo | null> {
    try {
      return (await this.deps.jobs.get(jobId)) ?? null;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async recordHire(trx: Executor, input: { proposalId: string; contractId: string }): Promise<void> {
    await this.deps.proposals.recordHire(trx, input);
  }

  async ensureJobConversation(trx: Executor, input: JobConversationRef): Promise<string | null> {
    return this.deps.messaging.ensureJobConversation(trx, input);
  }

  /** The contract's job DM becomes read-only. */
  async markContractEnded(trx: Executor, contractId: string): Promise<void> {
    await this.deps.messaging.markContractEnded(trx, contractId);
  }

  /** "Maria G." — never an email; a freelancer without a profile reads as a neutral label. */
  async maskedName(userId: string): Promise<string> {
    try {
      return (await this.deps.freelancers.maskedName(userId)) ?? 'AI trainer';
    } catch (err) {
      if (isNotFound(err)) return 'AI trainer';
      throw err;
    }
  }

  /** Team members allowed to act on approvals (the owner is checked by the caller). */
  async teamMemberCanAct(organizationId: string, userId: string): Promise<boolean> {
    return this.deps.team.canActOnApprovals(organizationId, userId);
  }
}
