import { defineOperation, z } from '@platform/kit';
import { DateTimeFilter } from '../../device-schemas';

const Bucket = z.object({
  key: z.string(),
  sessions: z.number().int(),
  completed: z.number().int(),
  duration_seconds: z.number().int(),
  average_score: z.number().nullable(),
});

export default defineOperation({
  name: 'get_session_analytics',
  method: 'GET',
  path: '/api-tenant-sessions-analytics',
  title: 'Session analytics',
  description: 'Aggregate sessions started in a period (default last 30 days): counts, durations, scores, grouped by day, role, user, seat or status.',
  input: z.object({
    from: DateTimeFilter.optional().describe('Default: to - 30 days'),
    to: DateTimeFilter.optional().describe('Default: now'),
    group_by: z.enum(['day', 'role', 'user', 'seat', 'status']).default('day').describe('How to group (default day)'),
  }),
  output: z.object({
    from: z.string(),
    to: z.string(),
    group_by: z.string(),
    total_sessions: z.number().int(),
    completed: z.number().int(),
    failed: z.number().int(),
    total_duration_seconds: z.number().int(),
    average_duration_seconds: z.number().nullable(),
    average_score: z.number().nullable(),
    groups: z.array(Bucket),
  }),
  auth: 'required',
  scopes: ['read:sessions'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'sessions',
  cli: ['sessions', 'analytics'],
  summarize: (a) =>
    `${a.total_sessions} session(s) ${a.from} to ${a.to}: ${a.completed} completed, ${a.failed} failed, ${a.total_duration_seconds}s in total, average score ${a.average_score ?? '-'}.`,
});
