/** @module The accounts module: humans, organizations and per-account feature flags. It needs no other module. */
import type { PlatformServices } from '../platform/context';
import type { OpenTrainModule } from '../platform/module';
import { FeaturesService } from './features-service';
import { OrganizationsService } from './organizations-service';
import { UsersService } from './users-service';

export type AccountsServices = PlatformServices & {
  users: UsersService;
  organizations: OrganizationsService;
  features: FeaturesService;
};

export function createAccountsModule(platform: PlatformServices): OpenTrainModule<AccountsServices> {
  const { db, clock } = platform;
  const services = { ...platform, users: new UsersService(db, clock), organizations: new OrganizationsService(db, clock), features: new FeaturesService(db, clock) };
  return { name: 'accounts', services, implementations: [] };
}
