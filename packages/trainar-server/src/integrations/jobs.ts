/** @module The integrations module's background jobs: imports (manual, initial, automatic) and write-back notes. */
import type { JobHandlers } from '@platform/kit';
import { type IntegrationService, type SyncPayload, SYNC_JOB, WRITEBACK_JOB } from './service';
import { runSync } from './sync';
import { runWriteback, type WritebackPayload } from './writeback';

export function integrationJobHandlers(service: IntegrationService): JobHandlers {
  return {
    [SYNC_JOB]: async (job) => runSync(service, job.payload as SyncPayload),
    [WRITEBACK_JOB]: async (job) => runWriteback(service, job.payload as WritebackPayload),
  };
}
