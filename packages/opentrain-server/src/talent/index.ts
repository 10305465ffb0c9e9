/** @module The talent module's public surface: what other modules and the composition root may import. */
export type { FreelancerView, InterviewView, ProposalDetail, ProposalStatus, ProposalSummary } from '@opentrain/api';
export type { FreelancerFrame, TalentServices } from './context';
export type { ProfileRow as FreelancerProfile } from './freelancer-view';
export { FreelancersService } from './freelancers-service';
export { createTalentModule } from './module';
export type { TalentPorts } from './ports';
export { type ProposalRecord, ProposalsService } from './proposals-service';
export { talentMigrations, type TalentTables } from './schema';
export type { TalentSettings } from './settings';
