/** @module A proposal as employers see it (spec 3.4 `P`), built from its row, the job title and the freelancer's profile. */
import { PROPOSAL_STATUS_LABELS, type ProposalStatus, type ProposalSummary } from '@opentrain/api';
import type { Selectable } from 'kysely';
import { iso } from '../platform/db';
import { numberOrNull } from './db';
import { type ProfileRow, candidateView } from './freelancer-view';
import type { TalentTables } from './schema';

export type ProposalRow = Selectable<TalentTables['ot_proposals']>;

export function proposalSummary(row: ProposalRow, jobTitle: string | null, profile: ProfileRow): ProposalSummary {
  const status = row.status as ProposalStatus;
  return {
    id: row.id,
    jobId: row.job_id,
    jobTitle,
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
    status: { raw: status, label: PROPOSAL_STATUS_LABELS[status] ?? status },
    bid: {
      amountUsd: numberOrNull(row.bid_amount_usd),
      unit: row.bid_unit as ProposalSummary['bid']['unit'],
      labelerHourlyRateUsd: numberOrNull(row.labeler_hourly_rate_usd),
    },
    candidate: candidateView(profile),
    metrics: {
      interviewScore: row.interview_score,
      matchScore: row.match_score,
    },
    source: row.source,
    sandbox: row.sandbox,
  };
}

/** PAY_PER_HOUR → PER_HOUR, PAY_PER_LABEL → PER_LABEL, FIXED_PRICE → FIXED_PRICE (default PER_HOUR). */
export function bidUnitFor(paymentType: unknown): 'PER_HOUR' | 'PER_LABEL' | 'FIXED_PRICE' {
  if (paymentType === 'PAY_PER_LABEL') return 'PER_LABEL';
  if (paymentType === 'FIXED_PRICE') return 'FIXED_PRICE';
  return 'PER_HOUR';
}
