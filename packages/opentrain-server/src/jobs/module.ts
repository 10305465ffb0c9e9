/** @module The jobs domain as the app composes it: migrations, services, handlers, routes. */
import type { DomainModule } from '../domain';
import { DraftsService } from '../job-drafts/drafts-service';
import type { BaseServices } from '../services';
import { jobsDb } from './db';
import { JobsService } from './jobs-service';
import { MarketplaceService } from './marketplace-service';
import { jobsImplementations } from './operations';
import { mountJobs } from './routes';
import { jobsMigrations } from './schema';
import { loadJobsSettings } from './settings';

export type { JobView } from './job-view';
export type { JobStatus } from './schema';
export type { PublishedListener } from './listeners';
export { JobsService } from './jobs-service';

/** Services this domain adds to `Services` (built after the domains before it in services.ts). */
export function createJobsServices(deps: BaseServices) {
  const settings = loadJobsSettings(deps.settings, deps.embedded);
  const db = jobsDb(deps.db);
  const common = {
    db,
    clock: deps.clock,
    logger: deps.logger,
    publicUrl: deps.publicUrl,
  };
  const jobs = new JobsService({
    ...common,
    publishLimits: settings.publishLimits,
  });
  const drafts = new DraftsService({
    ...common,
    refiner: settings.llmRefiner,
    sandbox: settings.sandbox,
  });
  const marketplace = new MarketplaceService(db, deps.clock, deps.publicUrl);
  return { jobs, drafts, marketplace };
}

export const jobsDomain: DomainModule = {
  name: 'jobs',
  migrations: jobsMigrations,
  implementations: jobsImplementations,
  mount: mountJobs,
};
