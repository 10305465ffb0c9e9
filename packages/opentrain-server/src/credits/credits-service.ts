/**
 * @module The credit ledger's writes: top-ups, two-phase holds (capture / release), refunds of
 * captured money and adjustments. Every write runs in the caller's transaction when given one,
 * locks the account's balance row (`FOR UPDATE`), applies once per idempotency key, appends one
 * entry and updates the cached balance in the same transaction.
 */
import { badRequest, conflict, type Executor, newId, usdText } from '@platform/kit';
import { CreditReads } from './credits-reads';
import {
  assertKey,
  assertPositiveCents,
  type Balance,
  type CreditHold,
  type CreditsTrx,
  cents,
  type EntryRow,
  entryView,
  type HoldRow,
  holdView,
  inTransaction,
  isUniqueViolation,
  type LedgerEntry,
  MAX_AMOUNT_CENTS,
} from './ledger';
import type { HoldStatus, LedgerEntryType } from './schema';

export interface TopUpInput {
  accountId: string;
  amountCents: number;
  /** What paid for it, e.g. the top-up id. */
  reference?: string | null;
  idempotencyKey: string;
  memo?: string | null;
}

export interface HoldInput {
  accountId: string;
  amountCents: number;
  /** What the money is reserved for, e.g. a milestone id; copied onto the hold's later entries. */
  reference?: string | null;
  idempotencyKey: string;
  /** Freelancer whose earnings captures credit (omit for platform fees). */
  payeeId?: string | null;
  memo?: string | null;
}

export interface HoldMoveInput {
  holdId: string;
  /** Omitted = everything that can move (the remainder for capture/release, the unrefunded captured amount for refund). */
  amountCents?: number;
  idempotencyKey: string;
  memo?: string | null;
}

export interface AdjustInput {
  accountId: string;
  /** Signed: positive credits the available balance, negative debits it (never below zero). */
  amountCents: number;
  memo: string;
  idempotencyKey: string;
  reference?: string | null;
}

export interface EntryResult {
  entry: LedgerEntry;
  /** The account's balance after this write (after the original write when replayed: the current one). */
  balance: Balance;
  /** True when the idempotency key had already been applied and nothing changed now. */
  replayed: boolean;
}

export interface HoldResult extends EntryResult {
  hold: CreditHold;
  /** Cents this operation moved (positive). */
  movedCents: number;
}

interface LockedBalance {
  accountId: string;
  available: number;
  reserved: number;
  version: number;
}

interface NewEntry {
  id?: string;
  type: LedgerEntryType;
  amountCents: number;
  availableDelta: number;
  reservedDelta: number;
  holdId: string | null;
  reference: string | null;
  idempotencyKey: string;
  memo: string | null;
}

export class CreditsService extends CreditReads {
  /** Adds paid-for credits to the available balance. */
  async topUp(exec: Executor, input: TopUpInput): Promise<EntryResult> {
    const amount = assertPositiveCents(input.amountCents);
    const key = assertKey(input.idempotencyKey);
    return this.write(exec, input.accountId, key, { type: 'TOP_UP', amountCents: amount }, async (trx, balance) => {
      const row = await this.append(trx, balance, { type: 'TOP_UP', amountCents: amount, availableDelta: amount, reservedDelta: 0, holdId: null, reference: input.reference ?? null, idempotencyKey: key, memo: input.memo ?? null });
      return { entry: entryView(row), balance: balanceOf(balance), replayed: false };
    });
  }

  /** Reserves `amountCents` (available → reserved); 409 `insufficient_credits` when available is short. */
  async hold(exec: Executor, input: HoldInput): Promise<HoldResult> {
    const amount = assertPositiveCents(input.amountCents);
    const key = assertKey(input.idempotencyKey);
    return this.write(exec, input.accountId, key, { type: 'HOLD', amountCents: amount }, async (trx, balance) => {
      if (balance.available < amount) throw insufficient(balance.available, amount);
      const now = this.clock.now();
      const entryId = newId('cle', now);
      const hold = await trx
        .insertInto('credit_holds')
        .values({
          id: newId('hold', now),
          account_id: input.accountId,
          amount_cents: amount,
          captured_cents: 0,
          released_cents: 0,
          refunded_cents: 0,
          status: 'OPEN',
          reference: input.reference ?? null,
          payee_id: input.payeeId ?? null,
          hold_entry_id: entryId,
          created_at: now,
          updated_at: now,
          closed_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const row = await this.append(trx, balance, { id: entryId, type: 'HOLD', amountCents: -amount, availableDelta: -amount, reservedDelta: amount, holdId: hold.id, reference: hold.reference, idempotencyKey: key, memo: input.memo ?? null });
      return { entry: entryView(row), hold: holdView(hold), movedCents: amount, balance: balanceOf(balance), replayed: false };
    });
  }

  /**
   * Spends reserved money (reserved → gone from the account) and credits the hold's payee, if any.
   * `movedCents` is the captured amount. 409 `hold_not_open` / `hold_amount_exceeded`.
   */
  async capture(exec: Executor, input: HoldMoveInput): Promise<HoldResult> {
    return this.settle(exec, input, 'CAPTURE');
  }

  /** Returns reserved money to the available balance. 409 `hold_not_open` / `hold_amount_exceeded`. */
  async release(exec: Executor, input: HoldMoveInput): Promise<HoldResult> {
    return this.settle(exec, input, 'HOLD_RELEASE');
  }

  /**
   * Gives captured money back to the paying account's available balance and debits the payee's
   * earnings by the same amount. Only money captured from this hold and not yet refunded can be
   * refunded: 409 `nothing_to_refund` / `refund_exceeds_captured`.
   */
  async refund(exec: Executor, input: HoldMoveInput): Promise<HoldResult> {
    if (input.amountCents !== undefined) assertPositiveCents(input.amountCents);
    const key = assertKey(input.idempotencyKey);
    return this.onHold(exec, input.holdId, key, 'REFUND', input.amountCents, async (trx, balance, hold) => {
      const refundable = cents(hold.captured_cents) - cents(hold.refunded_cents);
      if (refundable === 0) throw conflict(`Hold ${hold.id} has no captured money left to refund.`, { reason: 'nothing_to_refund', holdId: hold.id, capturedCents: cents(hold.captured_cents), refundedCents: cents(hold.refunded_cents) });
      const amount = input.amountCents ?? refundable;
      if (amount > refundable) throw conflict(`Only ${refundable} cents captured from hold ${hold.id} can still be refunded.`, { reason: 'refund_exceeds_captured', holdId: hold.id, refundableCents: refundable, requestedCents: amount });
      const updated = await trx
        .updateTable('credit_holds')
        .set({ refunded_cents: cents(hold.refunded_cents) + amount, updated_at: this.clock.now() })
        .where('id', '=', hold.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const row = await this.append(trx, balance, { type: 'REFUND', amountCents: amount, availableDelta: amount, reservedDelta: 0, holdId: hold.id, reference: hold.reference, idempotencyKey: key, memo: input.memo ?? null });
      await this.recordEarning(trx, updated, row, 'REFUND', -amount);
      return { entry: entryView({ ...row, hold_entry_id: hold.hold_entry_id }), hold: holdView(updated), movedCents: amount, balance: balanceOf(balance), replayed: false };
    });
  }

  /** A manual correction of the available balance (support credit, chargeback); `memo` says why. */
  async adjust(exec: Executor, input: AdjustInput): Promise<EntryResult> {
    const signed = input.amountCents;
    if (!Number.isInteger(signed) || signed === 0 || Math.abs(signed) > MAX_AMOUNT_CENTS) {
      throw badRequest(`amountCents must be a non-zero whole number of cents (at most ${MAX_AMOUNT_CENTS} either way).`, { field: 'amountCents' });
    }
    const memo = typeof input.memo === 'string' ? input.memo.trim() : '';
    if (!memo || memo.length > 500) throw badRequest('memo is required for an adjustment (at most 500 characters): say why.', { field: 'memo' });
    const key = assertKey(input.idempotencyKey);
    return this.write(exec, input.accountId, key, { type: 'ADJUSTMENT', amountCents: signed }, async (trx, balance) => {
      if (balance.available + signed < 0) throw insufficient(balance.available, -signed);
      const row = await this.append(trx, balance, { type: 'ADJUSTMENT', amountCents: signed, availableDelta: signed, reservedDelta: 0, holdId: null, reference: input.reference ?? null, idempotencyKey: key, memo });
      return { entry: entryView(row), balance: balanceOf(balance), replayed: false };
    });
  }

  private async settle(exec: Executor, input: HoldMoveInput, type: 'CAPTURE' | 'HOLD_RELEASE'): Promise<HoldResult> {
    if (input.amountCents !== undefined) assertPositiveCents(input.amountCents);
    const key = assertKey(input.idempotencyKey);
    const verb = type === 'CAPTURE' ? 'captured' : 'released';
    return this.onHold(exec, input.holdId, key, type, input.amountCents, async (trx, balance, hold) => {
      if (hold.status !== 'OPEN') throw conflict(`Hold ${hold.id} is already closed (${hold.status}); nothing more can be ${verb}.`, { reason: 'hold_not_open', holdId: hold.id, status: hold.status });
      const captured = cents(hold.captured_cents);
      const released = cents(hold.released_cents);
      const remaining = cents(hold.amount_cents) - captured - released;
      const amount = input.amountCents ?? remaining;
      if (amount > remaining) throw conflict(`Only ${remaining} cents remain reserved on hold ${hold.id}.`, { reason: 'hold_amount_exceeded', holdId: hold.id, remainingCents: remaining, requestedCents: amount });
      const now = this.clock.now();
      const nextCaptured = type === 'CAPTURE' ? captured + amount : captured;
      const nextReleased = type === 'HOLD_RELEASE' ? released + amount : released;
      const closes = amount === remaining;
      const updated = await trx
        .updateTable('credit_holds')
        .set({ captured_cents: nextCaptured, released_cents: nextReleased, status: closes ? closedStatus(nextCaptured, nextReleased) : 'OPEN', closed_at: closes ? now : null, updated_at: now })
        .where('id', '=', hold.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const row = await this.append(trx, balance, {
        type,
        amountCents: type === 'CAPTURE' ? -amount : amount,
        availableDelta: type === 'CAPTURE' ? 0 : amount,
        reservedDelta: -amount,
        holdId: hold.id,
        reference: hold.reference,
        idempotencyKey: key,
        memo: input.memo ?? null,
      });
      if (type === 'CAPTURE') await this.recordEarning(trx, updated, row, 'CAPTURE', amount);
      return { entry: entryView({ ...row, hold_entry_id: hold.hold_entry_id }), hold: holdView(updated), movedCents: amount, balance: balanceOf(balance), replayed: false };
    });
  }

  /** Finds the hold, locks its account, replays or applies `fn` with the hold re-read under the lock. */
  private async onHold(
    exec: Executor,
    holdId: string,
    key: string,
    type: LedgerEntryType,
    amountCents: number | undefined,
    fn: (trx: CreditsTrx, balance: LockedBalance, hold: HoldRow) => Promise<HoldResult>,
  ): Promise<HoldResult> {
    return inTransaction(exec, async (trx) => {
      const { accountId } = await this.getHold(holdId, trx);
      return this.write(trx, accountId, key, { type, amountCents, holdId }, async (inner, balance) => {
        const hold = await inner.selectFrom('credit_holds').selectAll().where('id', '=', holdId).forUpdate().executeTakeFirstOrThrow();
        return fn(inner, balance, hold);
      });
    });
  }

  /**
   * The one write path: lock the balance row, return the earlier result when the key was
   * already applied (same operation) or 409 `idempotency_key_reused` (different operation),
   * else apply.
   */
  private async write<R extends EntryResult>(
    exec: Executor,
    accountId: string,
    key: string,
    expected: { type: LedgerEntryType; amountCents?: number; holdId?: string },
    apply: (trx: CreditsTrx, balance: LockedBalance) => Promise<R>,
  ): Promise<R> {
    try {
      return await inTransaction(exec, async (trx) => {
        const balance = await this.lockBalance(trx, accountId);
        const existing = await this.findEntryByKey(key, trx);
        if (!existing) return apply(trx, balance);
        // Entries store signed amounts; callers pass positive ones (signed for adjustments).
        const storedAmount = expected.type === 'ADJUSTMENT' ? existing.amountCents : Math.abs(existing.amountCents);
        const sameAmount = expected.amountCents === undefined || storedAmount === expected.amountCents;
        const sameHold = expected.holdId === undefined || existing.holdId === expected.holdId;
        if (existing.type !== expected.type || existing.accountId !== accountId || !sameHold || !sameAmount) {
          throw keyReused(key);
        }
        const hold = existing.holdId ? await this.getHold(existing.holdId, trx) : undefined;
        return { entry: existing, balance: balanceOf(balance), replayed: true, ...(hold ? { hold, movedCents: Math.abs(existing.amountCents) } : {}) } as R;
      });
    } catch (err) {
      // Two different operations racing with one key on different accounts: the unique index decides.
      if (isUniqueViolation(err, 'credit_ledger_entries_idempotency_key_key')) throw keyReused(key);
      throw err;
    }
  }

  private async lockBalance(trx: CreditsTrx, accountId: string): Promise<LockedBalance> {
    if (typeof accountId !== 'string' || accountId.length === 0 || accountId.length > 200) throw badRequest('accountId is required.', { field: 'accountId' });
    const select = () => trx.selectFrom('credit_balances').selectAll().where('account_id', '=', accountId).forUpdate().executeTakeFirst();
    let row = await select();
    if (!row) {
      // First write for this account: create the row (a concurrent first write waits on it), then lock it.
      await trx
        .insertInto('credit_balances')
        .values({ account_id: accountId, available_cents: 0, reserved_cents: 0, version: 0, updated_at: this.clock.now() })
        .onConflict((oc) => oc.column('account_id').doNothing())
        .execute();
      row = await select();
    }
    if (!row) throw new Error(`Ledger bug: no balance row for ${accountId}`);
    return { accountId, available: cents(row.available_cents), reserved: cents(row.reserved_cents), version: cents(row.version) };
  }

  /** Appends one entry and moves the cached balance with it (guarded by the version it read). */
  private async append(trx: CreditsTrx, balance: LockedBalance, e: NewEntry): Promise<EntryRow> {
    const available = balance.available + e.availableDelta;
    const reserved = balance.reserved + e.reservedDelta;
    if (available < 0 || reserved < 0) throw new Error(`Ledger bug: ${e.type} would make account ${balance.accountId} negative`);
    const now = this.clock.now();
    const seq = balance.version + 1;
    const updated = await trx
      .updateTable('credit_balances')
      .set({ available_cents: available, reserved_cents: reserved, version: seq, updated_at: now })
      .where('account_id', '=', balance.accountId)
      .where('version', '=', balance.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new Error(`Ledger bug: balance of ${balance.accountId} changed under its lock`);
    const row = await trx
      .insertInto('credit_ledger_entries')
      .values({
        id: e.id ?? newId('cle', now),
        account_id: balance.accountId,
        seq,
        type: e.type,
        amount_cents: e.amountCents,
        available_delta: e.availableDelta,
        reserved_delta: e.reservedDelta,
        available_after: available,
        reserved_after: reserved,
        hold_id: e.holdId,
        reference: e.reference,
        idempotency_key: e.idempotencyKey,
        memo: e.memo,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    Object.assign(balance, { available, reserved, version: seq });
    return row;
  }

  private async recordEarning(trx: CreditsTrx, hold: HoldRow, entry: EntryRow, type: 'CAPTURE' | 'REFUND', amountCents: number): Promise<void> {
    if (!hold.payee_id) return;
    const now = this.clock.now();
    await trx
      .insertInto('freelancer_earnings')
      .values({ id: newId('earn', now), freelancer_id: hold.payee_id, type, amount_cents: amountCents, account_id: hold.account_id, hold_id: hold.id, ledger_entry_id: entry.id, reference: hold.reference, created_at: now })
      .execute();
  }
}

function closedStatus(captured: number, released: number): HoldStatus {
  if (captured > 0 && released > 0) return 'PARTIALLY_CAPTURED';
  return captured > 0 ? 'CAPTURED' : 'RELEASED';
}

const balanceOf = (b: LockedBalance): Balance => ({ availableCents: b.available, reservedCents: b.reserved });


function insufficient(availableCents: number, requiredCents: number) {
  return conflict(`Not enough credits: ${usdText(availableCents)} available, ${usdText(requiredCents)} needed.`, {
    reason: 'insufficient_credits',
    availableCents,
    requiredCents,
    shortfallCents: requiredCents - availableCents,
  });
}

function keyReused(key: string) {
  return conflict('This idempotency key was already used for a different credit operation.', { reason: 'idempotency_key_reused', idempotencyKey: key });
}

