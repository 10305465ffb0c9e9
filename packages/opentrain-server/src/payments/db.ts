/** @module Typed executors for the payment tables (callers may pass a transaction over a wider schema). */
import type { Executor } from '@platform/kit';
import type { Kysely, Transaction } from 'kysely';
import type { PaymentTables } from './schema';

export type PaymentsDb = Kysely<PaymentTables>;
export type PaymentsTrx = Transaction<PaymentTables>;

export const asPayments = (exec: Executor): PaymentsDb => exec.withTables<PaymentTables>();

/** Runs `fn` in the caller's transaction when given one, else in a new transaction. */
export async function inPaymentsTransaction<T>(exec: Executor, fn: (trx: PaymentsTrx) => Promise<T>): Promise<T> {
  const db = asPayments(exec);
  return db.isTransaction ? fn(db as PaymentsTrx) : db.transaction().execute(fn);
}
