/** @module The sessions module's background job: close sessions whose device went silent. */
import type { JobHandlers } from '@platform/kit';
import { SESSION_TIMEOUT_JOB, type SessionService } from './service';

export function sessionJobHandlers(sessions: SessionService): JobHandlers {
  return {
    [SESSION_TIMEOUT_JOB]: async (job) => {
      const { tenant_id, session_id } = job.payload as { tenant_id: string; session_id: string };
      await sessions.closeIfSilent(tenant_id, session_id);
    },
  };
}
