/** @module The feed operations, in the order they appear in the registry (owned by the feed domain). */
import type { AnyOperation } from '@platform/kit';

export const feedOperations: AnyOperation[] = [];
