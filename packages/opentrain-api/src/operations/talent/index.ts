/** @module The talent operations, in the order they appear in the registry (owned by the talent domain). */
import type { AnyOperation } from '@platform/kit';

export const talentOperations: AnyOperation[] = [];
