/** @module The jobs operations, in the order they appear in the registry (owned by the jobs domain). */
import type { AnyOperation } from '@platform/kit';

export const jobsOperations: AnyOperation[] = [];
