/** @module Handlers for `GET/POST /tokens` and `DELETE /tokens/{tokenId}` (any valid token; pre-claim OK). */
import { createToken, listTokens, revokeToken } from '@opentrain/api';
import { implement } from '@platform/kit';
import type { OpenTrainAuth, OpenTrainContext } from '../context';

const caller = (ctx: OpenTrainContext) => ctx.auth as OpenTrainAuth;

export const tokenOperations = [
  implement(listTokens, async (_input, ctx: OpenTrainContext) => ({ tokens: await ctx.services.tokens.list(caller(ctx).organizationId) })),
  implement(createToken, (input, ctx: OpenTrainContext) => ctx.services.tokens.create(caller(ctx), input)),
  implement(revokeToken, async (input, ctx: OpenTrainContext) => ({ token: await ctx.services.tokens.revoke(caller(ctx).organizationId, input.tokenId) })),
];
