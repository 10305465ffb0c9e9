/**
 * @module The updates module: `GET /updates`, the account's event feed read from the kit outbox.
 * Needs no other module (event types and their scopes come from the webhooks module's public index).
 */
import type { PlatformServices } from '../platform/context';
import type { OpenTrainModule } from '../platform/module';
import type { UpdatesServices } from './context';
import { updatesOperations } from './operations';
import { UpdatesService } from './updates-service';

export function createUpdatesModule(platform: PlatformServices): OpenTrainModule<UpdatesServices> {
  return { name: 'updates', services: { ...platform, updates: new UpdatesService(platform.db) }, implementations: updatesOperations };
}
