/**
 * @module TrainAR's background jobs: one kit worker per app runs every module's job handlers
 * (webhook delivery, knowledge processing, session timeouts, syncs). A module with jobs adds its
 * handlers here, keyed by job kind (`<module>.<job>`), and enqueues with kit `enqueueJob`.
 */
import type { JobHandlers } from '@platform/kit';
import type { AppServices } from './composition';
import { integrationJobHandlers } from './integrations/jobs';
import { knowledgeJobHandlers } from './knowledge/pipeline';
import { sessionJobHandlers } from './sessions/jobs';
import { DELIVER_JOB, deliverHandler, FANOUT_JOB, fanoutHandler } from './webhooks/delivery';

export function trainarJobHandlers(services: AppServices): JobHandlers {
  return {
    [FANOUT_JOB]: fanoutHandler(services.webhooks),
    [DELIVER_JOB]: deliverHandler(services.webhooks),
    ...knowledgeJobHandlers(services.knowledge),
    ...sessionJobHandlers(services),
    ...integrationJobHandlers(services.integrations),
  };
}
