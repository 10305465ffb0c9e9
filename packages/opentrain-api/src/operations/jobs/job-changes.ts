import { defineOperation, z } from '@platform/kit';
import { JOB_CHANGE_EVENT_TYPES, MARKETPLACE_HTTP } from './schemas';

export default defineOperation({
  name: 'opentrain_job_changes',
  method: 'GET',
  path: '/jobs/changes',
  description: 'Marketplace jobs published, updated or closed since a time (latest event per job, max 5,000; continue from until).',
  input: z.object({
    since: z.string().trim().min(1).max(40).describe("ISO-8601 time; pass the previous response's until to continue"),
  }),
  output: z.object({
    since: z.string(),
    until: z.string(),
    changes: z.array(
      z.object({
        jobId: z.string(),
        eventType: z.enum(JOB_CHANGE_EVENT_TYPES),
        occurredAt: z.string(),
      }),
    ),
    generatedAt: z.string(),
  }),
  auth: 'none',
  http: MARKETPLACE_HTTP,
  scopes: [],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  exclude: ['mcp'],
  cli: ['jobs', 'changes'],
  summarize: (out) => `${out.changes.length} change(s) between ${out.since} and ${out.until}. Next: since=${out.until}.`,
});
