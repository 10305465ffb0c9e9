/** @module What the integrations module's handlers and pages receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { TrainArContext } from '../platform/context';
import type { IntegrationService } from './service';

export interface IntegrationsServices {
  integrations: IntegrationService;
}

export const implementIntegrations = implementer<TrainArContext<IntegrationsServices>>();
