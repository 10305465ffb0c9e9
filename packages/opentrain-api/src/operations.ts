/**
 * @module The OpenTrain operation registry: every Public API operation, in one list. REST routes,
 * OpenAPI, MCP tools and CLI commands are derived from it.
 */
import type { AnyOperation } from '@platform/kit';

export const operations: AnyOperation[] = [];
