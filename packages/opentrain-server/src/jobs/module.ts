/** @module The jobs module: drafting and extraction, publishing and moderation, the marketplace and public job pages. See docs/jobs.md. */
import type { PlatformServices } from '../platform/context';
import type { OpenTrainModule } from '../platform/module';
import type { JobsServices } from './context';
import { jobsDb } from './db';
import { DraftsService } from './drafts/drafts-service';
import { JobsService } from './jobs-service';
import { MarketplaceService } from './marketplace-service';
import { jobsImplementations } from './operations';
import type { JobsPorts } from './ports';
import { mountJobs } from './routes';
import { loadJobsSettings } from './settings';

export function createJobsModule(platform: PlatformServices, ports: JobsPorts): OpenTrainModule<JobsServices> {
  const settings = loadJobsSettings(platform.settings, platform.embedded);
  const db = jobsDb(platform.db);
  const common = { db, clock: platform.clock, logger: platform.logger, publicUrl: platform.publicUrl };
  const jobs = new JobsService({ ...common, publishLimits: settings.publishLimits });
  const drafts = new DraftsService({ ...common, refiner: settings.llmRefiner, sandbox: settings.sandbox });
  const marketplace = new MarketplaceService(db, platform.clock, platform.publicUrl);
  const services = { ...platform, ...ports, jobs, drafts, marketplace };
  return { name: 'jobs', services, implementations: jobsImplementations, mount: (app) => mountJobs(app, services) };
}
