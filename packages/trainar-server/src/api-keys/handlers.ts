/** @module API-key operations → ApiKeyService. */
import { ops } from '@trainar/api';
import { implementApiKeys as implement } from './context';

export const apiKeyHandlers = [
  implement(ops.listApiKeys, (input, ctx) => ctx.services.apiKeys.list(ctx.tenantId, input)),
  implement(ops.createApiKey, (input, ctx) => ctx.services.apiKeys.create(ctx.tenantId, ctx.actor, input)),
  implement(ops.revokeApiKey, (input, ctx) => ctx.services.apiKeys.revoke(ctx.tenantId, input.key_id)),
];
