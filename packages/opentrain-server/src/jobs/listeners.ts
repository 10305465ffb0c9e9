/** @module After-commit publish listeners (the sandbox simulator, …): failures are logged, never thrown. */
import type { Logger } from '@platform/kit';
import type { JobView } from './job-view';

export type PublishedListener = (job: JobView) => Promise<void> | void;

export class PublishedListeners {
  private readonly listeners: PublishedListener[] = [];
  constructor(private readonly logger: Logger) {}

  add(listener: PublishedListener): void {
    this.listeners.push(listener);
  }

  /** Runs every listener in order; a failing listener does not stop the others. */
  async notify(job: JobView): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(job);
      } catch (error) {
        this.logger.error({ err: error, jobId: job.id }, 'job published listener failed');
      }
    }
  }
}
