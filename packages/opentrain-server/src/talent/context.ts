/** @module What the talent module's handlers and pages receive: the request plus this module's services. */
import { type Html, implementer } from '@platform/kit';
import type { UserRow } from '../accounts';
import type { OpenTrainContext, PlatformServices } from '../platform/context';
import type { WebContext } from '../platform/web-ui';
import type { ProfileRow } from './freelancer-view';
import type { FreelancersService } from './freelancers-service';
import type { InterviewsService } from './interviews-service';
import type { TalentPorts } from './ports';
import type { ProposalsService } from './proposals-service';
import type { SandboxSimulator } from './sandbox/simulator';
import type { TalentSettings } from './settings';

/** The freelancer pages' frame, for the other modules' freelancer pages (messages, earnings). */
export interface FreelancerFrame {
  render(c: WebContext, options: { title: string; body: Html; user?: UserRow; profile?: ProfileRow; status?: number }): Response | Promise<Response>;
  /** The signed-in freelancer, or a redirect to sign-in or to the profile form. */
  require(c: WebContext): Promise<{ user: UserRow; profile: ProfileRow } | { response: Response }>;
}

export type TalentServices = PlatformServices &
  TalentPorts & {
    freelancers: FreelancersService;
    proposals: ProposalsService;
    interviews: InterviewsService;
    sandboxMarketplace: SandboxSimulator;
    talentSettings: TalentSettings;
    freelancerFrame: FreelancerFrame;
  };
export const implementTalent = implementer<OpenTrainContext<TalentServices>>();
