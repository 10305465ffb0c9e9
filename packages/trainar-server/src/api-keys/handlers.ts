/** @module API-key operations → ApiKeyService. */
import { implement } from '@platform/kit';
import { ops } from '@trainar/api';
import type { TrainArContext } from '../context';

export const apiKeyHandlers = [
  implement(ops.listApiKeys, (input, ctx: TrainArContext) => ctx.services.apiKeys.list(ctx.tenantId, input)),
  implement(ops.createApiKey, (input, ctx: TrainArContext) => ctx.services.apiKeys.create(ctx.tenantId, ctx.actor, input)),
  implement(ops.revokeApiKey, (input, ctx: TrainArContext) => ctx.services.apiKeys.revoke(ctx.tenantId, input.key_id)),
];
