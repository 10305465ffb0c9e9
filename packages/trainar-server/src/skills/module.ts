/** @module The skills module: tenant skills (HTTP endpoints and the system skills), their executions, and Dashboard → Skills & Knowledge → Skills. */
import type { PlatformServices } from '../platform/context';
import type { TrainArModule } from '../platform/module';
import type { SkillsServices } from './context';
import { SkillExecutor } from './execution';
import { skillHandlers } from './handlers';
import { mountSkillsPage } from './page';
import type { SkillPorts } from './ports';
import { SkillService } from './service';
import { skillUrlPolicy } from './settings';

export function createSkillsModule(platform: PlatformServices, ports: SkillPorts): TrainArModule<SkillsServices> {
  const skills = new SkillService(platform, skillUrlPolicy(platform.settings));
  const services: SkillsServices = { skills, skillExecutions: new SkillExecutor(platform, skills, ports, skillUrlPolicy(platform.settings)) };
  return { name: 'skills', services, implementations: skillHandlers, mountPages: (app, shell) => mountSkillsPage(app, { ...shell, services }) };
}
