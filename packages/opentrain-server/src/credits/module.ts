/** @module The credits module as the app composes it: the credit ledger service (no handlers of its own; money and payments use it). */
import type { PlatformServices } from '../platform/context';
import type { OpenTrainModule } from '../platform/module';
import { CreditsService } from './credits-service';

export type CreditsServices = PlatformServices & { credits: CreditsService };

export function createCreditsModule(platform: PlatformServices): OpenTrainModule<CreditsServices> {
  return { name: 'credits', services: { ...platform, credits: new CreditsService(platform.db, platform.clock) }, implementations: [] };
}
