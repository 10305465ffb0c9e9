/** @module The jobs module's public surface: what other modules and the composition root may import. */
export type { JobsServices } from './context';
export { type JobsDb, type JobsDbTables, type JobsExecutor, jobsDb } from './db';
export type { JobView } from './job-view';
export { JobsService } from './jobs-service';
export type { PublishedListener } from './listeners';
export { MarketplaceService } from './marketplace-service';
export { createJobsModule } from './module';
export type { JobsPorts } from './ports';
export { type JobStatus, jobsMigrations, type JobsTables } from './schema';
export * from './vocabulary';
