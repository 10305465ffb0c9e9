/** @module The step-up module: scope requests a claimed agent's token raises and the owner grants (pages live in web). */
import type { PlatformServices } from '../platform/context';
import type { OpenTrainModule } from '../platform/module';
import type { StepUpPorts } from './ports';
import { StepUpService } from './step-up-service';

export type StepUpServices = PlatformServices & StepUpPorts & { stepUp: StepUpService };

export function createStepUpModule(platform: PlatformServices, ports: StepUpPorts): OpenTrainModule<StepUpServices> {
  const services = { ...platform, ...ports, stepUp: new StepUpService(platform.db, platform.clock, platform.publicUrl, ports.tokens) };
  return { name: 'step-up', services, implementations: [] };
}
