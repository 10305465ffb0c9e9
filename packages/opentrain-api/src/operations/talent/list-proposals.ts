import { defineOperation, z } from '@platform/kit';
import { proposalSummarySchema } from './schemas';

export default defineOperation({
  name: 'opentrain_list_proposals',
  toolset: 'proposals',
  method: 'GET',
  path: '/jobs/{jobId}/proposals',
  description: 'List proposals on one of your jobs, newest first (or by matchScore), with bid, masked candidate, interview and match scores (0-100).',
  input: z.object({
    jobId: z.string().min(1).max(64).describe('Job id (from opentrain_list_jobs or opentrain_publish_job)'),
    status: z.string().max(40).optional().describe('UNREVIEWED, SHORTLISTED, MAYBE, HIRED, DECLINED, NOT_A_FIT, RESUME_SENT or INVITED (any case; spaces/hyphens ok)'),
    limit: z.number().int().min(1).max(100).default(25).describe('Page size, 1-100 (default 25)'),
    cursor: z.string().max(64).optional().describe('nextCursor from the previous page (a proposal id)'),
    sort: z.enum(['newest', 'matchScore']).default('newest').describe('newest (default) or matchScore (best fit first)'),
  }),
  output: z.object({
    proposals: z.array(proposalSummarySchema),
    nextCursor: z.string().nullable(),
  }),
  auth: 'required',
  scopes: ['proposals:read'],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['proposals', 'list'],
  summarize: (out) => {
    const lines = out.proposals.map(
      (p) =>
        `- ${p.id} ${p.candidate.displayName} (${p.status.label}) bid ${p.bid.amountUsd ?? '-'} ${p.bid.unit ?? ''} match ${p.metrics.matchScore} interview ${p.metrics.interviewScore ?? '-'}${p.sandbox ? ' [sandbox]' : ''}`,
    );
    const next = out.nextCursor ? `More: cursor=${out.nextCursor}` : 'No more pages.';
    return [`${out.proposals.length} proposal(s).`, ...lines, next, 'Open one with opentrain_get_proposal (includeInterview: true for the transcript).'].join('\n');
  },
});
