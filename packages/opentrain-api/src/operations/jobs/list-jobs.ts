import { defineOperation, z } from '@platform/kit';
import { JOB_STATUSES } from './schemas';

export const myJobSchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  status: z.enum(JOB_STATUSES),
  published: z.boolean(),
  acceptingApplicants: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  jobUrl: z.string(),
  proposalCounts: z.object({
    total: z.number().int(),
    unreviewed: z.number().int(),
  }),
});

export default defineOperation({
  name: 'opentrain_list_jobs',
  toolset: 'jobs',
  method: 'GET',
  path: '/jobs/mine',
  description: "List this account's jobs (drafts included), newest first, with proposal counts; filter by status.",
  input: z.object({
    status: z
      .string()
      .max(40)
      .optional()
      .describe(`Only jobs in this status: ${JOB_STATUSES.join(', ')}`),
    limit: z.number().int().min(1).max(100).default(25).describe('Page size, 1-100 (default 25)'),
    cursor: z.string().max(200).optional().describe('nextCursor from the previous page'),
  }),
  output: z.object({
    jobs: z.array(myJobSchema),
    nextCursor: z.string().nullable(),
  }),
  auth: 'required',
  scopes: ['jobs:read'],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  cli: ['jobs', 'list'],
  summarize: (out) => {
    const lines = out.jobs.map((j) => `- ${j.id} ${j.status} "${j.title ?? '(untitled)'}" proposals ${j.proposalCounts.total} (${j.proposalCounts.unreviewed} unreviewed)`);
    const next = out.nextCursor ? `More: cursor=${out.nextCursor}` : 'No more pages.';
    return [`${out.jobs.length} job(s).`, ...lines, next, 'Drafts: opentrain_update_job_draft_fields then opentrain_publish_job; live jobs: opentrain_list_proposals.'].join('\n');
  },
});
