/** @module The users module: a tenant's people (invitations, roles, deactivation, passwords) and Dashboard → Users. It needs no other module. */
import type { PlatformServices } from '../platform/context';
import type { TrainArModule } from '../platform/module';
import type { UsersServices } from './context';
import { userHandlers } from './handlers';
import { mountUsersPage } from './page';
import { UserService } from './service';

export function createUsersModule(platform: PlatformServices): TrainArModule<UsersServices> {
  const services: UsersServices = { users: new UserService(platform) };
  return { name: 'users', services, implementations: userHandlers, mountPages: (app, shell) => mountUsersPage(app, { ...shell, services }) };
}
