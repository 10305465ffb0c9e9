/** @module The talent domain as the app composes it: migrations, services, handlers, routes. */
import type { DomainModule } from '../domain';
import type { createJobsServices } from '../jobs/module';
import type { BaseServices } from '../services';
import { talentDb } from './db';
import { FreelancersService } from './freelancers-service';
import { InterviewsService } from './interviews-service';
import { talentOperations } from './operations';
import { ProposalsService } from './proposals-service';
import { SandboxSimulator } from './sandbox/simulator';
import { talentMigrations } from './schema';
import { resolveTalentSettings } from './settings';
import { mountFreelancerPages } from './web/routes';

export type {
  FreelancerView,
  InterviewView,
  ProposalDetail,
  ProposalStatus,
  ProposalSummary,
} from '@opentrain/api';
export type { ProfileRow as FreelancerProfile } from './freelancer-view';
export { FreelancersService } from './freelancers-service';
export { ProposalsService, type ProposalRecord } from './proposals-service';
export type { TalentSettings } from './settings';

export type TalentDeps = BaseServices & ReturnType<typeof createJobsServices>;

/** Services this domain adds to `Services` (built after the domains before it in services.ts). */
export function createTalentServices(deps: TalentDeps) {
  const settings = resolveTalentSettings({
    embedded: deps.embedded,
    settings: deps.settings,
  });
  const db = talentDb(deps.db);
  const freelancers = new FreelancersService(deps.db, deps.clock);
  const interviews = new InterviewsService(db, deps.clock);
  const proposals = new ProposalsService(db, deps.clock, freelancers, interviews);
  const sandboxMarketplace = new SandboxSimulator({
    db,
    clock: deps.clock,
    logger: deps.logger,
    settings,
    freelancers,
    proposals,
    interviews,
  });
  deps.jobs.onPublished((job) => sandboxMarketplace.onJobPublished(job));
  return {
    freelancers,
    proposals,
    interviews,
    sandboxMarketplace,
    talentSettings: settings,
  };
}

export const talentDomain: DomainModule = {
  name: 'talent',
  migrations: talentMigrations,
  implementations: talentOperations,
  jobHandlers: (services) => services.sandboxMarketplace.jobHandlers(),
  mount: (app, services) => mountFreelancerPages(app, services),
  start: async (services) => services.sandboxMarketplace.startSeeding(),
  stop: (services) => services.sandboxMarketplace.ready(),
};
