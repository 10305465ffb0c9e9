/**
 * @module The OpenTrain operation registry: every Public API operation, in one list. REST routes,
 * OpenAPI, MCP tools and CLI commands are derived from it.
 */
import type { AnyOperation } from '@platform/kit';
import authStatus from './operations/identity/auth-status';
import capabilities from './operations/identity/capabilities';
import createToken from './operations/tokens/create-token';
import listTokens from './operations/tokens/list-tokens';
import revokeToken from './operations/tokens/revoke-token';
import { feedOperations } from './operations/feed';
import { jobsOperations } from './operations/jobs';
import { messagingOperations } from './operations/messaging';
import { moneyOperations } from './operations/money';
import { talentOperations } from './operations/talent';

export { authStatus, capabilities, createToken, listTokens, revokeToken };

export * from './operations/feed';
export * from './operations/jobs';
export * from './operations/messaging';
export * from './operations/money';
export * from './operations/talent';

export const operations: AnyOperation[] = [
  authStatus,
  capabilities,
  ...jobsOperations,
  ...talentOperations,
  ...messagingOperations,
  ...moneyOperations,
  ...feedOperations,
  listTokens,
  createToken,
  revokeToken,
];
