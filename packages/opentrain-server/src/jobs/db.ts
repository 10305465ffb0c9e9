/** @module The Kysely handle typed with the jobs tables (the shared OtDb does not know them). */
import type { Kysely, Transaction } from 'kysely';
import type { OpenTrainTables, OtDb } from '../platform/db';
import type { JobsTables } from './schema';

export type JobsDbTables = OpenTrainTables & JobsTables;
export type JobsDb = Kysely<JobsDbTables>;
export type JobsTrx = Transaction<JobsDbTables>;
export type JobsExecutor = JobsDb | JobsTrx;

export const jobsDb = (db: OtDb): JobsDb => db.withTables<JobsTables>();
