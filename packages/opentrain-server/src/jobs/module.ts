/** @module The jobs domain as the app composes it: migrations, services, handlers, routes. */
import type { DomainModule } from '../domain';
import type { BaseServices } from '../services';
import { jobsDb } from './db';
import { JobsService } from './jobs-service';
import { jobsMigrations } from './schema';

export type { JobView } from './job-view';
export type { JobStatus } from './schema';
export type { PublishedListener } from './listeners';
export { JobsService } from './jobs-service';

/** Services this domain adds to `Services` (built after the domains before it in services.ts). */
export function createJobsServices(deps: BaseServices) {
  const jobs = new JobsService({ db: jobsDb(deps.db), clock: deps.clock, logger: deps.logger, publicUrl: deps.publicUrl });
  return { jobs };
}

export const jobsDomain: DomainModule = {
  name: 'jobs',
  migrations: jobsMigrations,
  implementations: [],
};
