/** @module The API-keys module's public surface: what other modules and the composition root may import. */
export type { ApiKeysServices } from './context';
export { apiKeyMigrations } from './migrations';
export { createApiKeysModule } from './module';
export { type ApiKeyService, type AuthenticatedKey, KEY_PREFIX } from './service';
