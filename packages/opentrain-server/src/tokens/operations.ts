/**
 * @module Handlers for `GET/POST /tokens` and `DELETE /tokens/{tokenId}` (any valid token; pre-claim
 * OK). A token sees and revokes only itself and the tokens minted from it (docs/opentrain-auth.md).
 */
import { createToken, listTokens, revokeToken } from '@opentrain/api';
import { implementTokens as implement } from './context';

export const tokenOperations = [
  implement(listTokens, async (_input, ctx) => ({ tokens: await ctx.services.tokens.listLineage(ctx.auth) })),
  implement(createToken, (input, ctx) => ctx.services.tokens.create(ctx.auth, input)),
  implement(revokeToken, async (input, ctx) => ({ token: await ctx.services.tokens.revoke(ctx.auth.organizationId, input.tokenId, 'revoked_by_owner', ctx.auth.tokenId) })),
];
