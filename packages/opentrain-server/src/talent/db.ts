/** @module The Kysely handle typed with the talent tables (and the jobs tables it joins for titles and requirements). */
import type { Kysely, Transaction } from 'kysely';
import type { OpenTrainTables, OtDb } from '../platform/db';
import type { JobsTables } from '../jobs';
import type { TalentTables } from './schema';

export type TalentDbTables = OpenTrainTables & JobsTables & TalentTables;
export type TalentDb = Kysely<TalentDbTables>;
export type TalentTrx = Transaction<TalentDbTables>;
export type TalentExecutor = TalentDb | TalentTrx;

export const talentDb = (db: OtDb): TalentDb => db.withTables<JobsTables & TalentTables>();
/** A transaction opened by another domain (money's hire confirmation), seen with the talent tables. */
// biome-ignore lint/suspicious/noExplicitAny: any domain's typed transaction is accepted.
export const asTalentExecutor = (trx: Kysely<any>): TalentExecutor => trx as TalentExecutor;

/** A jsonb parameter (the kit's, always sent as JSON text). */
export { jsonb } from '@platform/kit';

/** numeric columns come back as strings from node-postgres. */
export const numberOrNull = (value: unknown): number | null => (value == null ? null : Number(value));
