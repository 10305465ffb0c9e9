/**
 * @module Commits that need not wait for the disk. PostgreSQL's COMMIT waits until the transaction's
 * WAL is flushed; with `synchronous_commit = off` for one transaction it returns at once, and a
 * database crash in the next fraction of a second may lose that transaction (never corrupt it or
 * any other). Worth it only where a lost commit is redone anyway: a job claim (the job is claimed
 * again) and the log of a successful webhook delivery (the job runs again: at least once, same
 * delivery id). Never for money, nor anything a caller has been told is done.
 */
import { sql } from 'kysely';
import type { Executor } from './database';

/** Call first inside the transaction it applies to (SET LOCAL: the setting ends with it). */
export async function commitWithoutFlushWait(trx: Executor): Promise<void> {
  await sql`SET LOCAL synchronous_commit = off`.execute(trx);
}
