/**
 * @module Shared pieces of the credit ledger: public shapes, row → view mapping, executor handling
 * and input checks. The behaviour lives in credits-service.ts (writes) and credits-reads.ts (reads).
 */
import { badRequest, type Executor } from '@platform/kit';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CreditTables, HoldStatus, LedgerEntryType } from './schema';

export type CreditsDb = Kysely<CreditTables>;
export type CreditsTrx = Transaction<CreditTables>;
export type EntryRow = Selectable<CreditTables['credit_ledger_entries']>;
export type HoldRow = Selectable<CreditTables['credit_holds']>;
export type BalanceRow = Selectable<CreditTables['credit_balances']>;

export interface Balance {
  availableCents: number;
  reservedCents: number;
}

export interface LedgerEntry {
  id: string;
  accountId: string;
  /** Position in the account's ledger (1, 2, 3, …): the newest entry's seq = the balance version. */
  seq: number;
  type: LedgerEntryType;
  /** Signed, from the holder's side: see docs/credits-and-payments.md ("Entry types and signs"). */
  amountCents: number;
  availableDelta: number;
  reservedDelta: number;
  availableAfter: number;
  reservedAfter: number;
  holdId: string | null;
  /** For HOLD_RELEASE, CAPTURE and REFUND: the HOLD entry they settle (the Public API's `holdEntryId`). */
  holdEntryId: string | null;
  reference: string | null;
  idempotencyKey: string;
  memo: string | null;
  createdAt: Date;
}

export interface CreditHold {
  id: string;
  accountId: string;
  amountCents: number;
  capturedCents: number;
  releasedCents: number;
  refundedCents: number;
  /** Still reserved: amount − captured − released (0 once closed). */
  remainingCents: number;
  status: HoldStatus;
  reference: string | null;
  payeeId: string | null;
  /** The HOLD entry that reserved the money (the Public API's `holdEntryId`). */
  holdEntryId: string;
  createdAt: Date;
  closedAt: Date | null;
}

/** int8 from either driver as a number (balances stay far below 2^53 cents). */
export function cents(value: string | number | bigint): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new TypeError(`Not an integer amount of cents: ${String(value)}`);
  return n;
}

/** `holdEntryId` is the hold's `hold_entry_id` (joined by readers, known to writers). */
export function entryView(row: EntryRow & { hold_entry_id?: string | null }): LedgerEntry {
  return {
    id: row.id,
    accountId: row.account_id,
    seq: cents(row.seq),
    type: row.type,
    amountCents: cents(row.amount_cents),
    availableDelta: cents(row.available_delta),
    reservedDelta: cents(row.reserved_delta),
    availableAfter: cents(row.available_after),
    reservedAfter: cents(row.reserved_after),
    holdId: row.hold_id,
    holdEntryId: row.type === 'HOLD' ? null : (row.hold_entry_id ?? null),
    reference: row.reference,
    idempotencyKey: row.idempotency_key,
    memo: row.memo,
    createdAt: new Date(row.created_at),
  };
}

export function holdView(row: HoldRow): CreditHold {
  const amountCents = cents(row.amount_cents);
  const capturedCents = cents(row.captured_cents);
  const releasedCents = cents(row.released_cents);
  return {
    id: row.id,
    accountId: row.account_id,
    amountCents,
    capturedCents,
    releasedCents,
    refundedCents: cents(row.refunded_cents),
    remainingCents: amountCents - capturedCents - releasedCents,
    status: row.status,
    reference: row.reference,
    payeeId: row.payee_id,
    holdEntryId: row.hold_entry_id,
    createdAt: new Date(row.created_at),
    closedAt: row.closed_at ? new Date(row.closed_at) : null,
  };
}

/** The typed view of any executor (a product's transaction over a wider schema included). */
export function asCredits(exec: Executor): CreditsDb {
  return exec.withTables<CreditTables>();
}

/** Runs `fn` in the caller's transaction when given one, else in a new transaction. */
export async function inTransaction<T>(exec: Executor, fn: (trx: CreditsTrx) => Promise<T>): Promise<T> {
  const db = asCredits(exec);
  if (db.isTransaction) return fn(db as CreditsTrx);
  return db.transaction().execute(fn);
}

/** Largest single movement accepted (US$ 10 million): keeps every sum far inside 2^53. */
export const MAX_AMOUNT_CENTS = 1_000_000_000;

export function assertPositiveCents(value: unknown, field = 'amountCents'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > MAX_AMOUNT_CENTS) {
    throw badRequest(`${field} must be a positive whole number of cents (at most ${MAX_AMOUNT_CENTS}).`, { field });
  }
  return value;
}

export function assertKey(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 200) {
    throw badRequest('idempotencyKey must be a non-empty string of at most 200 characters.', { field: 'idempotencyKey' });
  }
  return value;
}

/** A PostgreSQL unique violation on the named constraint (node-postgres and PGlite both carry `code`). */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  return e?.code === '23505' && (e.constraint === constraint || (e.message ?? '').includes(constraint));
}
