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

export { authStatus, capabilities, createToken, listTokens, revokeToken };

export const operations: AnyOperation[] = [authStatus, capabilities, listTokens, createToken, revokeToken];
