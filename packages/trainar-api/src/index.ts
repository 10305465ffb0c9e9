/** @module TrainAR contract: error model, scopes, shared shapes and the operation registry. */
import { defineApi } from '@platform/kit';
import { trainarErrorModel } from './errors';
import { operations } from './operations';
import { trainarHasScope } from './scopes';

export * from './errors';
export * from './scopes';
export * from './schemas';
export * from './tasks';
export * from './skill-schemas';
export * from './webhook-schemas';
export * from './knowledge-schemas';
export * from './billing';
export * from './integration-schemas';
export * from './reports';
export { operations, ops } from './operations';

export const TRAINAR_VERSION = '0.1.0';

export const trainarApi = defineApi({
  product: 'trainar',
  title: 'TrainAR Tenant API',
  version: TRAINAR_VERSION,
  basePath: '/v1',
  errorModel: trainarErrorModel,
  operations,
  hasScope: trainarHasScope,
});
export * from './device-schemas';
