/** @module TrainAR contract. */
import { defineApi } from '@platform/kit';
import { trainarErrorModel } from './errors';
import { operations } from './operations';

export * from './errors';
export { operations } from './operations';

export const TRAINAR_VERSION = '0.1.0';

export const trainarApi = defineApi({
  product: 'trainar',
  title: 'TrainAR Tenant API',
  version: TRAINAR_VERSION,
  basePath: '/v1',
  errorModel: trainarErrorModel,
  operations,
});
