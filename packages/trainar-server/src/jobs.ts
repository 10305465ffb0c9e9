/**
 * @module TrainAR's background jobs: one kit worker per app runs every module's job handlers
 * (webhook delivery, knowledge processing, session timeouts, syncs), keyed by job kind
 * (`<module>.<job>`); a module declares its own in `jobHandlers`, and enqueues with kit `enqueueJob`.
 */
import type { JobHandlers } from '@platform/kit';
import type { AnyModule } from './platform/module';

export function trainarJobHandlers(modules: readonly AnyModule[]): JobHandlers {
  return Object.assign({}, ...modules.map((m) => m.jobHandlers));
}
