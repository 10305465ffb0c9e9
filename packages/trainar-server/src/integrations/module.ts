/** @module The integrations module: field-service connections (OAuth, tokens sealed at rest), task import syncs and session write-back notes (its job handlers), and Dashboard → Integrations. */
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
    stop: () => integrations.close(),
  };
}
