/**
 * @module Handlers for `GET/POST /tokens` and `DELETE /tokens/{tokenId}` (any valid token; pre-claim
 * OK). A token sees and revokes only itself and the tokens minted from it (docs/opentrain-auth.md).
 */
import { createToken, listTokens, revokeToken } from '@opentrain/api';
import { implement } from '@platform/kit';
import type { OpenTrainAuth, OpenTrainContext } from '../context';

const caller = (ctx: OpenTrainContext) => ctx.auth as OpenTrainAuth;

export const tokenOperations = [
  implement(listTokens, async (_input, ctx: OpenTrainContext) => ({ tokens: await ctx.services.tokens.listLineage(caller(ctx)) })),
  implement(createToken, (input, ctx: OpenTrainContext) => ctx.services.tokens.create(caller(ctx), input)),
  implement(revokeToken, async (input, ctx: OpenTrainContext) => ({ token: await ctx.services.tokens.revoke(caller(ctx).organizationId, input.tokenId, 'revoked_by_owner', caller(ctx).tokenId) })),
];
