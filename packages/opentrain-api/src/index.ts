/** @module OpenTrain contract. */
import { defineApi } from '@platform/kit';
import { opentrainErrorModel } from './errors';
import { operations } from './operations';
import { opentrainHasScope } from './scopes';

export * from './agent-auth';
export * from './catalog';
export * from './errors';
export * from './gates';
export * from './scopes';
export * from './operations';
export * from './operations/tokens/token-schema';
export * from './operations/money/amounts';

export const OPENTRAIN_VERSION = '0.1.0';

export const opentrainApi = defineApi({
  product: 'opentrain',
  title: 'OpenTrain Public API',
  version: OPENTRAIN_VERSION,
  basePath: '/api/public/v1',
  errorModel: opentrainErrorModel,
  operations,
  hasScope: opentrainHasScope,
});
