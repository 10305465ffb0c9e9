/** @module The money operations, in the order they appear in the registry (owned by the money domain). */
import type { AnyOperation } from '@platform/kit';

export const moneyOperations: AnyOperation[] = [];
