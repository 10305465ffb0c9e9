import { defineOperation, z } from '@platform/kit';
import { DateTimeFilter, SeatRole, SessionStatus, SessionSummary } from '../../device-schemas';
import { Id, limitField, offsetField, page } from '../../schemas';

export default defineOperation({
  name: 'list_sessions',
  method: 'GET',
  path: '/api-tenant-sessions',
  title: 'List training sessions',
  description: 'List training sessions, newest first; filter by status, role, user, seat, task and start date range.',
  input: z.object({
    status: SessionStatus.optional().describe('Only sessions in this status'),
    role: SeatRole.optional().describe('Only trainer or trainee sessions'),
    user_id: Id.optional().describe('Only sessions of this user'),
    seat_id: Id.optional().describe('Only sessions on this seat'),
    task_id: Id.optional().describe('Only sessions linked to this task'),
    from: DateTimeFilter.optional().describe('Started at/after'),
    to: DateTimeFilter.optional().describe('Started before'),
    limit: limitField(50),
    offset: offsetField(),
  }),
  output: z.object({ sessions: z.array(SessionSummary), ...page }),
  auth: 'required',
  scopes: ['read:sessions'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'sessions',
  cli: ['sessions', 'list'],
  summarize: (out) =>
    out.sessions.length === 0
      ? `No sessions (total ${out.total}).`
      : `${out.sessions.length} of ${out.total} session(s): ${out.sessions.map((s) => `${s.name} ${s.role} ${s.status} ${s.duration_seconds ?? '-'}s (${s.id})`).join('; ')}.`,
});
