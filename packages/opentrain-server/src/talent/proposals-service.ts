/**
 * @module Proposals: freelancers apply (or accept an invite) with a bid and cover letter and take the
 * AI interview; employers list, open and review them; money records the hire. Every new proposal
 * emits `proposal.received`, every status change `proposal.status_changed`, in the same transaction.
 */
import { EMPLOYER_SETTABLE_STATUSES, type ProposalDetail, type ProposalStatus, normalizeProposalStatus } from '@opentrain/api';
import { type Clock, badRequest, conflict, emitEvent, forbidden, newId, notFound } from '@platform/kit';
import type { Kysely } from 'kysely';
import { type TalentDb, type TalentExecutor, asTalentExecutor, jsonb, numberOrNull } from './db';
import { candidateSkills } from './freelancer-view';
import type { FreelancersService } from './freelancers-service';
import type { InterviewsService } from './interviews-service';
import { planInterview } from './interview-rubric';
import { type TalentJob, readJob } from './job-reader';
import { matchScore } from './matching';
import { EmployerProposalReads, type ListInput } from './proposal-reads';
import { type ProposalRow, bidUnitFor } from './proposal-view';

/** What other domains (money) read about a proposal. */
export interface ProposalRecord {
  id: string;
  jobId: string;
  /** The employer organization (= the job's). */
  organizationId: string;
  freelancerUserId: string;
  status: ProposalStatus;
  bidAmountUsd: number | null;
  bidUnit: string | null;
  sandbox: boolean;
  contractId: string | null;
}

export interface BidInput {
  bidAmountUsd: number;
  coverLetter: string;
}

export const MAX_COVER_LETTER_CHARS = 5000;
export const MAX_BID_USD = 1_000_000;

function checkBid(input: BidInput): BidInput {
  const amount = Number(input.bidAmountUsd);
  if (!Number.isFinite(amount) || amount <= 0 || amount > MAX_BID_USD) throw badRequest(`bidAmountUsd: enter an amount above 0 and at most ${MAX_BID_USD} USD.`, { field: 'bidAmountUsd' });
  const coverLetter = (input.coverLetter ?? '').trim();
  if (!coverLetter)
    throw badRequest('coverLetter: write a short cover letter.', {
      field: 'coverLetter',
    });
  if (coverLetter.length > MAX_COVER_LETTER_CHARS) throw badRequest(`coverLetter: at most ${MAX_COVER_LETTER_CHARS} characters.`, { field: 'coverLetter' });
  return { bidAmountUsd: Math.round(amount * 100) / 100, coverLetter };
}

const NO_INTERVIEW_YET = {
  interview_status: 'not_started' as const,
  interview_plan: jsonb([]),
  interview_score: null,
  interview_summary: null,
  interview_completed_at: null,
  contract_id: null,
};

const notPublished = (job: TalentJob) =>
  conflict('This job is not open for proposals.', {
    reason: 'job_not_published',
    jobId: job.id,
    status: job.status,
  });

export class ProposalsService {
  constructor(
    private readonly db: TalentDb,
    private readonly clock: Clock,
    private readonly freelancers: FreelancersService,
    private readonly interviews: InterviewsService,
  ) {
    this.reads = new EmployerProposalReads(db, freelancers, interviews);
  }
  private readonly reads: EmployerProposalReads;

  async get(proposalId: string, exec: TalentExecutor = this.db): Promise<ProposalRecord | undefined> {
    const row = await exec.selectFrom('ot_proposals').selectAll().where('id', '=', proposalId).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** A freelancer applies to an open job with a bid and cover letter; the AI interview starts. */
  async apply(freelancerUserId: string, jobId: string, input: BidInput): Promise<ProposalRow> {
    const bid = checkBid(input);
    const profile = await this.freelancers.getProfile(freelancerUserId);
    if (!profile) throw forbidden('Only freelancers can apply: create your freelancer profile first.', { reason: 'not_a_freelancer' });
    return this.db.transaction().execute(async (trx) => {
      const job = await readJob(trx, jobId, { lock: true });
      if (!job) throw notFound(`No job "${jobId}".`, { resource: 'jobs', jobId });
      if (job.status !== 'OPEN') throw notPublished(job);
      const existing = await trx.selectFrom('ot_proposals').selectAll().where('job_id', '=', jobId).where('freelancer_user_id', '=', freelancerUserId).forUpdate().executeTakeFirst();
      if (existing?.status === 'INVITED') return this.accept(trx, existing, job, bid);
      if (existing)
        throw conflict('You already applied to this job.', {
          reason: 'already_applied',
          proposalId: existing.id,
        });
      const now = this.clock.now();
      const inserted = await trx
        .insertInto('ot_proposals')
        .values({
          id: newId('prp', now),
          job_id: job.id,
          organization_id: job.organizationId,
          freelancer_user_id: freelancerUserId,
          status: 'UNREVIEWED',
          source: 'application',
          bid_amount_usd: bid.bidAmountUsd,
          bid_unit: bidUnitFor(job.fields.paymentType),
          labeler_hourly_rate_usd: numberOrNull(profile.hourly_rate_usd),
          cover_letter: bid.coverLetter,
          match_score: matchScore(job.requirements, candidateSkills(profile)).score,
          sandbox: profile.sandbox,
          ...NO_INTERVIEW_YET,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['job_id', 'freelancer_user_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!inserted)
        throw conflict('You already applied to this job.', {
          reason: 'already_applied',
        });
      await this.interviews.start(trx, inserted.id, planInterview(job.requirements, job.title));
      await this.logStatus(trx, inserted.id, null, 'UNREVIEWED', `freelancer:${freelancerUserId}`);
      await emitEvent(
        trx,
        {
          type: 'proposal.received',
          scope: job.organizationId,
          payload: { proposalId: inserted.id, jobId: job.id },
        },
        this.clock,
      );
      return inserted;
    });
  }

  /** The invited freelancer accepts with a bid and cover letter: the invite becomes a proposal. */
  async acceptInvite(freelancerUserId: string, proposalId: string, input: BidInput): Promise<ProposalRow> {
    const bid = checkBid(input);
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('ot_proposals').selectAll().where('id', '=', proposalId).where('freelancer_user_id', '=', freelancerUserId).forUpdate().executeTakeFirst();
      if (!row)
        throw notFound('No such invite.', {
          resource: 'proposals',
          proposalId,
        });
      if (row.status !== 'INVITED')
        throw conflict('This invite was already answered.', {
          reason: 'invite_already_accepted',
          proposalId,
        });
      const job = await readJob(trx, row.job_id, { lock: true });
      if (job?.status !== 'OPEN') throw notPublished(job ?? ({ id: row.job_id, status: 'UNKNOWN' } as TalentJob));
      return this.accept(trx, row, job, bid);
    });
  }

  private async accept(trx: TalentExecutor, row: ProposalRow, job: TalentJob, bid: BidInput): Promise<ProposalRow> {
    const now = this.clock.now();
    const updated = await trx
      .updateTable('ot_proposals')
      .set({
        status: 'UNREVIEWED',
        bid_amount_usd: bid.bidAmountUsd,
        bid_unit: bidUnitFor(job.fields.paymentType),
        cover_letter: bid.coverLetter,
        updated_at: now,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.interviews.start(trx, row.id, planInterview(job.requirements, job.title));
    await this.logStatus(trx, row.id, 'INVITED', 'UNREVIEWED', `freelancer:${row.freelancer_user_id}`);
    await emitEvent(
      trx,
      {
        type: 'proposal.received',
        scope: job.organizationId,
        payload: { proposalId: row.id, jobId: job.id },
      },
      this.clock,
    );
    return updated;
  }

  /** POST /jobs/{id}/invites: one proposal per freelancer and job (`created: false` when one exists). */
  async invite(organizationId: string, jobId: string, freelancerId: string): Promise<{ proposal: ProposalRow; created: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      const job = await readJob(trx, jobId, { lock: true });
      if (!job || job.organizationId !== organizationId)
        throw notFound(`No job "${jobId}" in this account.`, {
          resource: 'jobs',
          jobId,
        });
      if (job.status !== 'OPEN') throw notPublished(job);
      const user = await trx.selectFrom('ot_users').select('id').where('id', '=', freelancerId).executeTakeFirst();
      if (!user)
        throw notFound(`No freelancer "${freelancerId}".`, {
          resource: 'freelancers',
          freelancerId,
        });
      const profile = await this.freelancers.getProfile(freelancerId, trx);
      if (!profile)
        throw conflict('This user is not a freelancer.', {
          reason: 'not_a_freelancer',
          freelancerId,
        });
      const existing = await trx.selectFrom('ot_proposals').selectAll().where('job_id', '=', jobId).where('freelancer_user_id', '=', freelancerId).executeTakeFirst();
      if (existing) return { proposal: existing, created: false };
      if (profile.availability === 'UNAVAILABLE')
        throw conflict('This freelancer is not taking new work.', {
          reason: 'freelancer_unavailable',
          freelancerId,
        });
      const now = this.clock.now();
      const inserted = await trx
        .insertInto('ot_proposals')
        .values({
          id: newId('prp', now),
          job_id: jobId,
          organization_id: organizationId,
          freelancer_user_id: freelancerId,
          status: 'INVITED',
          source: 'invite',
          bid_amount_usd: null,
          bid_unit: null,
          labeler_hourly_rate_usd: numberOrNull(profile.hourly_rate_usd),
          cover_letter: null,
          match_score: matchScore(job.requirements, candidateSkills(profile)).score,
          sandbox: profile.sandbox,
          ...NO_INTERVIEW_YET,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(['job_id', 'freelancer_user_id']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!inserted) {
        const raced = await trx.selectFrom('ot_proposals').selectAll().where('job_id', '=', jobId).where('freelancer_user_id', '=', freelancerId).executeTakeFirstOrThrow();
        return { proposal: raced, created: false };
      }
      await this.logStatus(trx, inserted.id, null, 'INVITED', `employer:${organizationId}`);
      return { proposal: inserted, created: true };
    });
  }

  /** GET /jobs/{id}/proposals. Another account's job reads like an unknown one: 404. */
  list(organizationId: string, input: ListInput) {
    return this.reads.list(organizationId, input);
  }

  /** GET /proposals/{id} (+ the transcript with includeInterview). */
  detail(organizationId: string, proposalId: string, includeInterview = false): Promise<ProposalDetail> {
    return this.reads.detail(organizationId, proposalId, includeInterview);
  }

  /** GET /proposals/{id}/interview. */
  interview(organizationId: string, proposalId: string) {
    return this.reads.interview(organizationId, proposalId);
  }

  /** Employer review: SHORTLISTED, MAYBE, DECLINED, NOT_A_FIT or back to UNREVIEWED. */
  async setStatus(organizationId: string, proposalId: string, requested: string, actor: string) {
    const status = normalizeProposalStatus(requested);
    if (!(EMPLOYER_SETTABLE_STATUSES as readonly string[]).includes(status)) {
      throw badRequest(`status: "${requested}" cannot be set here.`, {
        field: 'status',
        supportedStatuses: EMPLOYER_SETTABLE_STATUSES,
      });
    }
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('ot_proposals').selectAll().where('id', '=', proposalId).where('organization_id', '=', organizationId).forUpdate().executeTakeFirst();
      if (!row)
        throw notFound(`No proposal "${proposalId}" in this account.`, {
          resource: 'proposals',
          proposalId,
        });
      if (row.status === 'HIRED') throw conflict('This proposal is hired; its status no longer changes.', { reason: 'proposal_hired', proposalId, status: row.status });
      if (row.status === 'INVITED')
        throw conflict('The freelancer has not accepted the invite yet.', {
          reason: 'invite_pending',
          proposalId,
          status: row.status,
        });
      const previous = row.status as ProposalStatus;
      if (previous !== status) await this.changeStatus(trx, row, status as ProposalStatus, actor);
      return {
        ok: true as const,
        proposalId,
        jobId: row.job_id,
        previousStatus: previous,
        status: status as ProposalStatus,
        changed: previous !== status,
      };
    });
  }

  /** Money, in its hire-confirmation transaction: the proposal becomes HIRED with its contract. */
  // biome-ignore lint/suspicious/noExplicitAny: money's transaction is typed with its own tables.
  async recordHire(trx: Kysely<any>, input: { proposalId: string; contractId: string }): Promise<ProposalRecord> {
    const exec = asTalentExecutor(trx);
    const row = await exec.selectFrom('ot_proposals').selectAll().where('id', '=', input.proposalId).forUpdate().executeTakeFirst();
    if (!row)
      throw notFound(`No proposal "${input.proposalId}".`, {
        resource: 'proposals',
        proposalId: input.proposalId,
      });
    await exec.updateTable('ot_proposals').set({ contract_id: input.contractId, updated_at: this.clock.now() }).where('id', '=', row.id).execute();
    if (row.status !== 'HIRED') await this.changeStatus(exec, row, 'HIRED', 'hire');
    return toRecord({ ...row, status: 'HIRED', contract_id: input.contractId });
  }

  private async changeStatus(trx: TalentExecutor, row: ProposalRow, status: ProposalStatus, actor: string) {
    await trx.updateTable('ot_proposals').set({ status, updated_at: this.clock.now() }).where('id', '=', row.id).execute();
    await this.logStatus(trx, row.id, row.status, status, actor);
    await emitEvent(
      trx,
      {
        type: 'proposal.status_changed',
        scope: row.organization_id,
        payload: { proposalId: row.id, status, jobId: row.job_id },
      },
      this.clock,
    );
  }

  private async logStatus(trx: TalentExecutor, proposalId: string, from: string | null, to: string, actor: string) {
    await trx
      .insertInto('ot_proposal_status_changes')
      .values({
        proposal_id: proposalId,
        from_status: from,
        to_status: to,
        actor,
        occurred_at: this.clock.now(),
      })
      .execute();
  }

  /** The freelancer's own proposals and invites, newest first (their dashboard). */
  async forFreelancer(freelancerUserId: string) {
    return this.db
      .selectFrom('ot_proposals as p')
      .innerJoin('ot_jobs as j', 'j.id', 'p.job_id')
      .select(['p.id', 'p.job_id', 'p.status', 'p.source', 'p.bid_amount_usd', 'p.bid_unit', 'p.interview_status', 'p.interview_score', 'p.created_at', 'j.title', 'j.status as job_status'])
      .where('p.freelancer_user_id', '=', freelancerUserId)
      .orderBy('p.created_at', 'desc')
      .orderBy('p.seq', 'desc')
      .limit(200)
      .execute();
  }

  async ownProposal(freelancerUserId: string, proposalId: string): Promise<ProposalRow | undefined> {
    return this.db.selectFrom('ot_proposals').selectAll().where('id', '=', proposalId).where('freelancer_user_id', '=', freelancerUserId).executeTakeFirst();
  }

  async ownProposalForJob(freelancerUserId: string, jobId: string): Promise<ProposalRow | undefined> {
    return this.db.selectFrom('ot_proposals').selectAll().where('job_id', '=', jobId).where('freelancer_user_id', '=', freelancerUserId).executeTakeFirst();
  }
}

function toRecord(row: ProposalRow): ProposalRecord {
  return {
    id: row.id,
    jobId: row.job_id,
    organizationId: row.organization_id,
    freelancerUserId: row.freelancer_user_id,
    status: row.status as ProposalStatus,
    bidAmountUsd: numberOrNull(row.bid_amount_usd),
    bidUnit: row.bid_unit,
    sandbox: row.sandbox,
    contractId: row.contract_id,
  };
}
