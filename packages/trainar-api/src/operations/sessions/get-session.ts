import { defineOperation, z } from '@platform/kit';
import { Session } from '../../device-schemas';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'get_session',
  method: 'GET',
  path: '/api-tenant-sessions',
  selectWhen: 'session_id',
  title: 'Get a training session',
  description: 'Get one session in full (addressed as ?session_id=): duration, score, summary, notes, video, procedures, linked task.',
  input: z.object({ session_id: Id.describe('Session id (UUID)') }),
  output: Session,
  auth: 'required',
  scopes: ['read:sessions'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'sessions',
  cli: ['sessions', 'get'],
  summarize: (s) => `${s.name}: ${s.role}, ${s.status}, ${s.duration_seconds ?? '-'}s, score ${s.score ?? '-'}, task ${s.task_id ?? 'none'}.`,
});
