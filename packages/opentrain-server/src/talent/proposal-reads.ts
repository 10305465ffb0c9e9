/**
 * @module What employers read about proposals: the list of a job's proposals (status filter with the
 * documented normalisation, cursor, newest first or by match score), one proposal in detail, and its
 * interview transcript. Tenant-isolated: another account's job and its proposals read as missing (404).
 */
import { PROPOSAL_STATUSES, type ProposalDetail, normalizeProposalStatus } from '@opentrain/api';
import { badRequest, notFound } from '@platform/kit';
import { sql } from 'kysely';
import { iso } from '../platform/db';
import type { TalentDb } from './db';
import type { FreelancersService } from './freelancers-service';
import type { InterviewsService } from './interviews-service';
import { readJob } from './job-reader';
import { scrubOrNull } from './privacy';
import { type ProposalRow, proposalSummary } from './proposal-view';

export interface ListInput {
  jobId: string;
  status?: string;
  limit: number;
  cursor?: string;
  sort: 'newest' | 'matchScore';
}

export class EmployerProposalReads {
  constructor(
    private readonly db: TalentDb,
    private readonly freelancers: FreelancersService,
    private readonly interviews: InterviewsService,
  ) {}

  /** GET /jobs/{id}/proposals. Unknown job or another account's → the same 404. */
  async list(organizationId: string, input: ListInput) {
    const job = await readJob(this.db, input.jobId);
    // Another account's job reads exactly like a missing one: a 403 would confirm the id exists.
    if (!job || job.organizationId !== organizationId)
      throw notFound(`No job "${input.jobId}".`, {
        resource: 'jobs',
        jobId: input.jobId,
      });
    let status: string | undefined;
    if (input.status !== undefined && input.status.trim() !== '') {
      status = normalizeProposalStatus(input.status);
      if (!(PROPOSAL_STATUSES as readonly string[]).includes(status)) {
        throw badRequest(`Unknown status "${input.status}".`, {
          field: 'status',
          supportedStatuses: PROPOSAL_STATUSES,
        });
      }
    }
    let query = this.db.selectFrom('ot_proposals').selectAll().where('job_id', '=', job.id);
    if (status) query = query.where('status', '=', status);
    if (input.cursor) {
      const at = await this.db.selectFrom('ot_proposals').select(['created_at', 'seq', 'match_score']).where('id', '=', input.cursor).where('job_id', '=', job.id).executeTakeFirst();
      if (!at) throw badRequest('cursor: not a cursor of this list (use nextCursor from the previous page).', { field: 'cursor' });
      query =
        input.sort === 'matchScore'
          ? query.where(sql<boolean>`(match_score, created_at, seq) < (${at.match_score}, ${at.created_at}, ${at.seq})`)
          : query.where(sql<boolean>`(created_at, seq) < (${at.created_at}, ${at.seq})`);
    }
    if (input.sort === 'matchScore') query = query.orderBy('match_score', 'desc');
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(input.limit + 1)
      .execute();
    const page = rows.slice(0, input.limit);
    const profiles = await this.profilesOf(page);
    return {
      proposals: page.map((r) => proposalSummary(r, job.title, profiles.get(r.freelancer_user_id) as NonNullable<ReturnType<typeof profiles.get>>)),
      nextCursor: rows.length > input.limit ? page[page.length - 1].id : null,
    };
  }

  private async profilesOf(rows: ProposalRow[]) {
    const ids = [...new Set(rows.map((r) => r.freelancer_user_id))];
    const profiles = ids.length ? await this.db.selectFrom('ot_freelancer_profiles').selectAll().where('user_id', 'in', ids).execute() : [];
    return new Map(profiles.map((p) => [p.user_id, p]));
  }

  /** The proposal of this account, or 404 (another account's proposal is not revealed). */
  private async owned(organizationId: string, proposalId: string): Promise<ProposalRow> {
    const row = await this.db.selectFrom('ot_proposals').selectAll().where('id', '=', proposalId).where('organization_id', '=', organizationId).executeTakeFirst();
    if (!row)
      throw notFound(`No proposal "${proposalId}" in this account.`, {
        resource: 'proposals',
        proposalId,
      });
    return row;
  }

  /** GET /proposals/{id} (+ the transcript with includeInterview). */
  async detail(organizationId: string, proposalId: string, includeInterview = false): Promise<ProposalDetail> {
    const row = await this.owned(organizationId, proposalId);
    const job = await readJob(this.db, row.job_id);
    const profile = await this.freelancers.getProfile(row.freelancer_user_id);
    if (!profile)
      throw notFound(`No proposal "${proposalId}" in this account.`, {
        resource: 'proposals',
        proposalId,
      });
    const detail: ProposalDetail = {
      ...proposalSummary(row, job?.title ?? null, profile),
      coverLetter: scrubOrNull(row.cover_letter),
      aiInterview: {
        score: row.interview_score,
        summary: row.interview_summary,
        transcriptAvailable: row.interview_status !== 'not_started',
        status: row.interview_status,
      },
      verification: {
        location: profile.location_verified_at
          ? {
              status: 'PASSED',
              method: 'GPS',
              checkedAt: iso(profile.location_verified_at),
            }
          : { status: 'NOT_CHECKED', method: null, checkedAt: null },
        identity: { verified: profile.identity_verified },
      },
      openLabel: null,
      contract: row.contract_id
        ? {
            id: row.contract_id,
            status: await this.contractStatus(row.contract_id),
          }
        : null,
    };
    if (includeInterview) {
      const interview = await this.interviews.transcript(this.db, row.id);
      if (interview) detail.interview = interview;
    }
    return detail;
  }

  /** Money's `ot_contracts` status; only asked once a contract id was recorded (so the table exists). */
  private async contractStatus(contractId: string): Promise<string> {
    const result = await sql<{
      status: string;
    }>`select status from ot_contracts where id = ${contractId}`.execute(this.db);
    return result.rows[0]?.status ?? 'active';
  }

  /** GET /proposals/{id}/interview: 404 while no interview was started (an unaccepted invite). */
  async interview(organizationId: string, proposalId: string) {
    const row = await this.owned(organizationId, proposalId);
    const interview = await this.interviews.transcript(this.db, row.id);
    if (!interview)
      throw notFound('This proposal has no AI interview yet.', {
        resource: 'interviews',
        proposalId,
      });
    return interview;
  }
}
