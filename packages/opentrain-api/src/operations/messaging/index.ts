/** @module The messaging operations, in the order they appear in the registry (owned by the messaging domain). */
import type { AnyOperation } from '@platform/kit';

export const messagingOperations: AnyOperation[] = [];
