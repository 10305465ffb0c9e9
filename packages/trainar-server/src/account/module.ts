/** @module The account module: the tenant's own settings (name, locality) and usage, over REST, MCP and Dashboard → Settings. It needs no other module. */
import type { PlatformServices } from '../platform/context';
import type { TrainArModule } from '../platform/module';
import type { AccountServices } from './context';
import { accountHandlers } from './handlers';
import { mountSettingsPage } from './page';
import { AccountService } from './service';

export function createAccountModule(platform: PlatformServices): TrainArModule<AccountServices> {
  const services: AccountServices = { account: new AccountService(platform) };
  return { name: 'account', services, implementations: accountHandlers, mountPages: (app, shell) => mountSettingsPage(app, { ...shell, services }) };
}
