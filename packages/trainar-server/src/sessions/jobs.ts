/** @module The sessions module's background job: close sessions whose device went silent. */
import type { JobHandlers } from '@platform/kit';
import type { AppServices } from '../composition';
import { SESSION_TIMEOUT_JOB } from './service';

export function sessionJobHandlers(services: AppServices): JobHandlers {
  return {
    [SESSION_TIMEOUT_JOB]: async (job) => {
      const { tenant_id, session_id } = job.payload as { tenant_id: string; session_id: string };
      await services.sessions.closeIfSilent(tenant_id, session_id);
    },
  };
}
