/** @module The team module: members, invites, who may confirm approvals; `/team` handlers and the team pages. See docs/updates-and-team.md. */
import type { PlatformServices } from '../platform/context';
import type { OpenTrainModule } from '../platform/module';
import type { TeamServices } from './context';
import { teamOperations } from './operations';
import { mountTeamPages } from './pages';
import type { TeamPorts } from './ports';
import { TeamService } from './team-service';

export function createTeamModule(platform: PlatformServices, ports: TeamPorts): OpenTrainModule<TeamServices> {
  const { db, clock, mailer, logger, publicUrl } = platform;
  const team = new TeamService({ db, clock, mailer, logger, users: ports.users, publicUrl });
  const services = { ...platform, ...ports, team };
  return { name: 'team', services, implementations: teamOperations, mount: (app) => mountTeamPages(app, services) };
}
