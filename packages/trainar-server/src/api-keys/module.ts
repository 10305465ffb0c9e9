/** @module The API-keys module: tenant keys (tak_…) with scopes, their authentication, and Dashboard → API & Webhooks → API Keys. It needs no other module. */
import type { PlatformServices } from '../platform/context';
import type { TrainArModule } from '../platform/module';
import type { ApiKeysServices } from './context';
import { apiKeyHandlers } from './handlers';
import { mountApiKeysPage } from './page';
import { ApiKeyService } from './service';

export function createApiKeysModule(platform: PlatformServices): TrainArModule<ApiKeysServices> {
  const services: ApiKeysServices = { apiKeys: new ApiKeyService(platform) };
  return { name: 'api-keys', services, implementations: apiKeyHandlers, mountPages: (app, shell) => mountApiKeysPage(app, { ...shell, services }) };
}
