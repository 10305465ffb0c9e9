/** @module The Kysely handle typed with the talent tables (and the jobs tables it joins for titles and requirements). */
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { OpenTrainTables, OtDb } from '../db';
import type { JobsTables } from '../jobs/schema';
import type { TalentTables } from './schema';

export type TalentDbTables = OpenTrainTables & JobsTables & TalentTables;
export type TalentDb = Kysely<TalentDbTables>;
export type TalentTrx = Transaction<TalentDbTables>;
export type TalentExecutor = TalentDb | TalentTrx;

export const talentDb = (db: OtDb): TalentDb => db.withTables<JobsTables & TalentTables>();
/** A transaction opened by another domain (money's hire confirmation), seen with the talent tables. */
// biome-ignore lint/suspicious/noExplicitAny: any domain's typed transaction is accepted.
export const asTalentExecutor = (trx: Kysely<any>): TalentExecutor => trx as TalentExecutor;

/** A jsonb parameter, always sent as JSON text (node-postgres would send a JS array as a PostgreSQL array). */
// biome-ignore lint/suspicious/noExplicitAny: a jsonb value of any shape.
export const jsonb = (value: unknown) => sql<any>`${JSON.stringify(value)}::jsonb`;

/** numeric columns come back as strings from node-postgres. */
export const numberOrNull = (value: unknown): number | null => (value == null ? null : Number(value));
