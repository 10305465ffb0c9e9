/** @module The integrations module's public surface: what other modules and the composition root may import. */
export type { IntegrationsServices } from './context';
export { integrationMigrations } from './migrations';
export { createIntegrationsModule } from './module';
export type { IntegrationPorts } from './ports';
export type { IntegrationService } from './service';
export { integrationSettingsFromEnv } from './settings';
export { queueWriteback } from './writeback';
