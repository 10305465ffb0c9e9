/**
 * @module The TrainAR operation registry: every Tenant REST API operation, in one list. REST
 * routes, OpenAPI and hosted MCP tools are derived from it.
 */
import type { AnyOperation } from '@platform/kit';

export const operations: AnyOperation[] = [];
