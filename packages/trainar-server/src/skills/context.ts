/** @module What the skills module's handlers and pages receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { TrainArContext } from '../platform/context';
import type { SkillExecutor } from './execution';
import type { SkillService } from './service';

export interface SkillsServices {
  skills: SkillService;
  skillExecutions: SkillExecutor;
}

export const implementSkills = implementer<TrainArContext<SkillsServices>>();
