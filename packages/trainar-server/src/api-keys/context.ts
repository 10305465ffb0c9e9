/** @module What the API-keys module's handlers and pages receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { TrainArContext } from '../platform/context';
import type { ApiKeyService } from './service';

export interface ApiKeysServices {
  apiKeys: ApiKeyService;
}

export const implementApiKeys = implementer<TrainArContext<ApiKeysServices>>();
