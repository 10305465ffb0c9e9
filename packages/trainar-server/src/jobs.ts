/**
 * @module TrainAR's background jobs: one kit worker per app runs every module's job handlers
 * (webhook delivery, knowledge processing, session timeouts, syncs). A module with jobs adds its
 * handlers here, keyed by job kind (`<module>.<job>`), and enqueues with kit `enqueueJob`.
 */
import type { JobHandlers } from '@platform/kit';
import type { TrainArServices } from './services';
import { sessionJobHandlers } from './sessions/jobs';

export function trainarJobHandlers(services: TrainArServices): JobHandlers {
  return {
    ...sessionJobHandlers(services),
  };
}
