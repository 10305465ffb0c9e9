/** @module What the jobs module's handlers and pages receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { OpenTrainContext, PlatformServices } from '../platform/context';
import type { DraftsService } from './drafts/drafts-service';
import type { JobsService } from './jobs-service';
import type { MarketplaceService } from './marketplace-service';
import type { JobsPorts } from './ports';

export type JobsServices = PlatformServices & JobsPorts & { jobs: JobsService; drafts: DraftsService; marketplace: MarketplaceService };
export const implementJobs = implementer<OpenTrainContext<JobsServices>>();
