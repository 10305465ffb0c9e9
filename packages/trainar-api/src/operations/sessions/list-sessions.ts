import { defineOperation, z } from '@platform/kit';
import { SeatRole, Session, SessionStatus } from '../../device-schemas';
import { Id, limitField, offsetField, page } from '../../schemas';

export default defineOperation({
  name: 'list_sessions',
  method: 'GET',
  path: '/api-tenant-sessions',
  title: 'List training sessions',
  description: 'List training sessions, newest first; filter by status, role, user, seat, task and start date range.',
  input: z.object({
    status: SessionStatus.optional(),
    role: SeatRole.optional(),
    user_id: Id.optional(),
    seat_id: Id.optional(),
    task_id: Id.optional(),
    from: z.iso.datetime({ offset: true }).optional().describe('Started at or after (ISO-8601)'),
    to: z.iso.datetime({ offset: true }).optional().describe('Started before (ISO-8601)'),
    limit: limitField(50),
    offset: offsetField(),
  }),
  output: z.object({ sessions: z.array(Session), ...page }),
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
