/** @module The talent module: freelancers, proposals, AI interviews, invites, the sandbox marketplace and the freelancer pages. See docs/talent.md. */
import type { PlatformServices } from '../platform/context';
import type { OpenTrainModule } from '../platform/module';
import type { TalentServices } from './context';
import { talentDb } from './db';
import { FreelancersService } from './freelancers-service';
import { InterviewsService } from './interviews-service';
import { talentOperations } from './operations';
import type { TalentPorts } from './ports';
import { ProposalsService } from './proposals-service';
import { SandboxSimulator } from './sandbox/simulator';
import { resolveTalentSettings } from './settings';
import { renderFreelancer, requireFreelancer } from './web/layout';
import { mountFreelancerPages } from './web/routes';

export function createTalentModule(platform: PlatformServices, ports: TalentPorts): OpenTrainModule<TalentServices> {
  const talentSettings = resolveTalentSettings({ embedded: platform.embedded, settings: platform.settings });
  const db = talentDb(platform.db);
  const freelancers = new FreelancersService(platform.db, platform.clock);
  const interviews = new InterviewsService(db, platform.clock);
  const proposals = new ProposalsService(db, platform.clock, freelancers, interviews);
  const sandboxMarketplace = new SandboxSimulator({ db, clock: platform.clock, logger: platform.logger, settings: talentSettings, freelancers, proposals, interviews });
  ports.jobs.onPublished((job) => sandboxMarketplace.onJobPublished(job));
  const services: TalentServices = {
    ...platform,
    ...ports,
    freelancers,
    proposals,
    interviews,
    sandboxMarketplace,
    talentSettings,
    freelancerFrame: { render: (c, options) => renderFreelancer(c, services, options), require: (c) => requireFreelancer(c, services) },
  };
  return {
    name: 'talent',
    services,
    implementations: talentOperations,
    jobHandlers: sandboxMarketplace.jobHandlers(),
    mount: (app) => mountFreelancerPages(app, services),
    start: async () => sandboxMarketplace.startSeeding(),
    stop: () => sandboxMarketplace.ready(),
  };
}
