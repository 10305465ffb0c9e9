/** @module OpenTrain's table types, merged from every domain module, and the typed Kysely handle. */
import type { Kysely, Transaction } from 'kysely';
import { sql } from 'kysely';
import type { AccountTables } from '../accounts/schema';
import type { IdentityTables } from '../identity/schema';
import type { StepUpTables } from '../step-up/schema';
import type { TokenTables } from '../tokens/schema';
import type { WebTables } from '../web/schema';

export interface OpenTrainTables extends AccountTables, TokenTables, IdentityTables, WebTables, StepUpTables {}

export type OtDb = Kysely<OpenTrainTables>;
export type OtTrx = Transaction<OpenTrainTables>;
export type OtExecutor = OtDb | OtTrx;

/** A `text[]` parameter (both PGlite and node-postgres serialize JS arrays once the type is explicit). */
export const textArray = (values: readonly string[]) => sql<string[]>`${sql.val([...values])}::text[]`;

/** ISO-8601 with milliseconds, or null (the kit's helper, under the name this package's views use). */
export { isoOrNull as iso } from '@platform/kit';
