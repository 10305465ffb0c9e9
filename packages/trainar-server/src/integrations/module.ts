/** @module The integrations module: field-service connections (OAuth, tokens sealed at rest), task import syncs and session write-back notes (its job handlers), and Dashboard → Integrations. */
import { resealAtStart } from '@platform/kit';
import type { PlatformServices } from '../platform/context';
import type { TrainArModule } from '../platform/module';
import type { IntegrationsServices } from './context';
import { integrationHandlers } from './handlers';
import { integrationJobHandlers } from './jobs';
import { mountIntegrationsPage } from './page';
import type { IntegrationPorts } from './ports';
import { IntegrationService } from './service';

export function createIntegrationsModule(platform: PlatformServices, ports: IntegrationPorts): TrainArModule<IntegrationsServices> {
  const integrations = new IntegrationService(platform, ports);
  const services: IntegrationsServices = { integrations };
  return {
    name: 'integrations',
    services,
    implementations: integrationHandlers,
    jobHandlers: integrationJobHandlers(integrations),
    mountPages: (app, shell) => mountIntegrationsPage(app, { ...shell, services }),
    // Pending connections' PKCE verifiers are not resealed: they live minutes, and a reconnect replaces one.
    start: async () => {
      await resealAtStart(platform.db, integrations.box, { table: 'tenant_integrations', id: 'id', columns: ['access_token', 'refresh_token'] }, platform.logger);
    },
    stop: () => integrations.close(),
  };
}
