/** @module What the team module's handlers and pages receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { OpenTrainContext, PlatformServices } from '../platform/context';
import type { TeamPorts } from './ports';
import type { TeamService } from './team-service';

export type TeamServices = PlatformServices & TeamPorts & { team: TeamService };
export const implementTeam = implementer<OpenTrainContext<TeamServices>>();
