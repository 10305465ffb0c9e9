import { ApiError, kitMigrations, ManualClock } from '@platform/kit';
import { createTestDatabase, type TestDatabase } from '@platform/kit/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditsService, creditsMigrations } from './index';

let database: TestDatabase;
let credits: CreditsService;
const clock = new ManualClock('2026-03-01T12:00:00Z');
let n = 0;
const account = () => `acct_${Date.now().toString(36)}_${++n}`;

beforeAll(async () => {
  database = await createTestDatabase([...kitMigrations, ...creditsMigrations]);
  credits = new CreditsService(database.db, clock);
});
afterAll(async () => database?.close());

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

describe('credit ledger', () => {
  it('reads zeros for a never-used account', async () => {
    expect(await credits.getBalance('acct_never')).toEqual({ availableCents: 0, reservedCents: 0 });
    expect(await credits.listEntries('acct_never')).toEqual({ entries: [], nextCursor: null });
  });

  it('moves money through a hold: partial capture to the payee, release of the rest', async () => {
    const a = account();
    const db = database.db;
    const top = await credits.topUp(db, { accountId: a, amountCents: 10_000, reference: 'topup_1', idempotencyKey: `${a}:top` });
    expect(top.entry).toMatchObject({ type: 'TOP_UP', amountCents: 10_000, availableDelta: 10_000, reservedDelta: 0, seq: 1, availableAfter: 10_000 });
    const held = await credits.hold(db, { accountId: a, amountCents: 6_000, reference: 'ms_1', payeeId: 'fl_1', idempotencyKey: `${a}:hold` });
    expect(held.entry).toMatchObject({ type: 'HOLD', amountCents: -6_000, availableDelta: -6_000, reservedDelta: 6_000, holdId: held.hold.id, holdEntryId: null });
    expect(held.hold).toMatchObject({ status: 'OPEN', amountCents: 6_000, remainingCents: 6_000, holdEntryId: held.entry.id, payeeId: 'fl_1' });
    expect(held.balance).toEqual({ availableCents: 4_000, reservedCents: 6_000 });

    const cap = await credits.capture(db, { holdId: held.hold.id, amountCents: 2_500, idempotencyKey: `${a}:cap` });
    expect(cap.movedCents).toBe(2_500);
    expect(cap.entry).toMatchObject({ type: 'CAPTURE', amountCents: -2_500, availableDelta: 0, reservedDelta: -2_500, reference: 'ms_1', holdEntryId: held.entry.id });
    expect(cap.hold).toMatchObject({ status: 'OPEN', capturedCents: 2_500, remainingCents: 3_500 });
    const rel = await credits.release(db, { holdId: held.hold.id, idempotencyKey: `${a}:rel` });
    expect(rel.movedCents).toBe(3_500);
    expect(rel.entry).toMatchObject({ type: 'HOLD_RELEASE', amountCents: 3_500, availableDelta: 3_500, reservedDelta: -3_500 });
    expect(rel.hold).toMatchObject({ status: 'PARTIALLY_CAPTURED', remainingCents: 0, closedAt: clock.now() });
    expect(await credits.getBalance(a)).toEqual({ availableCents: 7_500, reservedCents: 0 });
    expect(await credits.getEarnings('fl_1')).toMatchObject({ earnedCents: 2_500, capturedCents: 2_500, refundedCents: 0 });

    const closed = await apiError(credits.capture(db, { holdId: held.hold.id, idempotencyKey: `${a}:cap2` }));
    expect(closed.status).toBe(409);
    expect(closed.details).toMatchObject({ reason: 'hold_not_open', status: 'PARTIALLY_CAPTURED' });
    expect((await credits.verifyAccount(a)).problems).toEqual([]);
  });

  it('refuses a hold larger than the available balance with insufficient_credits', async () => {
    const a = account();
    await credits.topUp(database.db, { accountId: a, amountCents: 1_000, idempotencyKey: `${a}:top` });
    const err = await apiError(credits.hold(database.db, { accountId: a, amountCents: 1_001, idempotencyKey: `${a}:hold` }));
    expect(err.status).toBe(409);
    expect(err.details).toEqual({ reason: 'insufficient_credits', availableCents: 1_000, requiredCents: 1_001, shortfallCents: 1 });
    expect(err.message).toBe('Not enough credits: $10.00 available, $10.01 needed.');
    // Nothing was recorded, so the same key succeeds once the money is there.
    await credits.topUp(database.db, { accountId: a, amountCents: 1, idempotencyKey: `${a}:top2` });
    const ok = await credits.hold(database.db, { accountId: a, amountCents: 1_001, idempotencyKey: `${a}:hold` });
    expect(ok.balance).toEqual({ availableCents: 0, reservedCents: 1_001 });
  });

  it('applies an idempotency key once and refuses it for a different operation', async () => {
    const a = account();
    const first = await credits.topUp(database.db, { accountId: a, amountCents: 5_000, idempotencyKey: `${a}:k` });
    const again = await credits.topUp(database.db, { accountId: a, amountCents: 5_000, idempotencyKey: `${a}:k` });
    expect(again.replayed).toBe(true);
    expect(again.entry.id).toBe(first.entry.id);
    expect(await credits.getBalance(a)).toEqual({ availableCents: 5_000, reservedCents: 0 });
    const otherAmount = await apiError(credits.topUp(database.db, { accountId: a, amountCents: 4_000, idempotencyKey: `${a}:k` }));
    expect(otherAmount.details).toMatchObject({ reason: 'idempotency_key_reused' });
    const otherType = await apiError(credits.hold(database.db, { accountId: a, amountCents: 5_000, idempotencyKey: `${a}:k` }));
    expect(otherType.details).toMatchObject({ reason: 'idempotency_key_reused' });
    const otherAccount = await apiError(credits.topUp(database.db, { accountId: account(), amountCents: 5_000, idempotencyKey: `${a}:k` }));
    expect(otherAccount.details).toMatchObject({ reason: 'idempotency_key_reused' });

    const held = await credits.hold(database.db, { accountId: a, amountCents: 3_000, idempotencyKey: `${a}:h` });
    const heldAgain = await credits.hold(database.db, { accountId: a, amountCents: 3_000, idempotencyKey: `${a}:h` });
    expect(heldAgain).toMatchObject({ replayed: true, hold: { id: held.hold.id }, movedCents: 3_000 });
    const cap = await credits.capture(database.db, { holdId: held.hold.id, amountCents: 1_000, idempotencyKey: `${a}:c` });
    const capAgain = await credits.capture(database.db, { holdId: held.hold.id, amountCents: 1_000, idempotencyKey: `${a}:c` });
    expect(capAgain).toMatchObject({ replayed: true, movedCents: 1_000, entry: { id: cap.entry.id } });
    expect(await credits.getBalance(a)).toEqual({ availableCents: 2_000, reservedCents: 2_000 });
  });

  it('refunds only captured money and takes it back from the payee', async () => {
    const a = account();
    const db = database.db;
    await credits.topUp(db, { accountId: a, amountCents: 3_000, idempotencyKey: `${a}:top` });
    const held = await credits.hold(db, { accountId: a, amountCents: 3_000, payeeId: `fl_${a}`, idempotencyKey: `${a}:hold` });
    const none = await apiError(credits.refund(db, { holdId: held.hold.id, idempotencyKey: `${a}:r0` }));
    expect(none.details).toMatchObject({ reason: 'nothing_to_refund' });
    await credits.capture(db, { holdId: held.hold.id, amountCents: 2_000, idempotencyKey: `${a}:cap` });
    const tooMuch = await apiError(credits.refund(db, { holdId: held.hold.id, amountCents: 2_001, idempotencyKey: `${a}:r1` }));
    expect(tooMuch.details).toMatchObject({ reason: 'refund_exceeds_captured', refundableCents: 2_000 });
    const part = await credits.refund(db, { holdId: held.hold.id, amountCents: 500, idempotencyKey: `${a}:r2` });
    expect(part.entry).toMatchObject({ type: 'REFUND', amountCents: 500, availableDelta: 500, reservedDelta: 0, holdEntryId: held.entry.id });
    const rest = await credits.refund(db, { holdId: held.hold.id, idempotencyKey: `${a}:r3` });
    expect(rest.movedCents).toBe(1_500);
    expect(rest.hold).toMatchObject({ status: 'OPEN', refundedCents: 2_000, remainingCents: 1_000 });
    expect(await credits.getBalance(a)).toEqual({ availableCents: 2_000, reservedCents: 1_000 });
    expect(await credits.getEarnings(`fl_${a}`)).toMatchObject({ earnedCents: 0, capturedCents: 2_000, refundedCents: 2_000 });
    const page = await credits.listEarnings(`fl_${a}`, { limit: 2 });
    expect(page.earnings.map((e) => e.amountCents)).toEqual([-1_500, -500]);
    const older = await credits.listEarnings(`fl_${a}`, { cursor: page.nextCursor, limit: 2 });
    expect(older).toMatchObject({ earnings: [{ type: 'CAPTURE', amountCents: 2_000 }], nextCursor: null });
    expect((await credits.verifyAccount(a)).ok).toBe(true);
  });

  it('adjusts with a memo and never below zero', async () => {
    const a = account();
    await credits.adjust(database.db, { accountId: a, amountCents: 700, memo: 'goodwill credit', idempotencyKey: `${a}:adj` });
    const below = await apiError(credits.adjust(database.db, { accountId: a, amountCents: -701, memo: 'chargeback', idempotencyKey: `${a}:adj2` }));
    expect(below.details).toMatchObject({ reason: 'insufficient_credits' });
    const noMemo = await apiError(credits.adjust(database.db, { accountId: a, amountCents: -1, memo: '  ', idempotencyKey: `${a}:adj3` }));
    expect(noMemo).toMatchObject({ status: 400, details: { field: 'memo' } });
    const flipped = await apiError(credits.adjust(database.db, { accountId: a, amountCents: -700, memo: 'goodwill credit', idempotencyKey: `${a}:adj` }));
    expect(flipped.details).toMatchObject({ reason: 'idempotency_key_reused' });
    const down = await credits.adjust(database.db, { accountId: a, amountCents: -700, memo: 'chargeback', idempotencyKey: `${a}:adj4` });
    expect(down.entry).toMatchObject({ type: 'ADJUSTMENT', amountCents: -700, memo: 'chargeback' });
    expect(down.balance).toEqual({ availableCents: 0, reservedCents: 0 });
  });

  it('rejects amounts that are not positive whole cents with a 400 naming the field', async () => {
    for (const amountCents of [0, -5, 1.5, Number.NaN, 2e9]) {
      const err = await apiError(credits.topUp(database.db, { accountId: 'acct_x', amountCents, idempotencyKey: `bad-${amountCents}` }));
      expect(err).toMatchObject({ status: 400, details: { field: 'amountCents' } });
    }
    const missing = await apiError(credits.capture(database.db, { holdId: 'hold_missing', idempotencyKey: 'k-missing' }));
    expect(missing).toMatchObject({ status: 404, details: { resource: 'credit-holds', holdId: 'hold_missing' } });
  });

  it('pages entries newest first with opaque cursors', async () => {
    const a = account();
    for (let i = 1; i <= 5; i++) await credits.topUp(database.db, { accountId: a, amountCents: i * 100, idempotencyKey: `${a}:${i}` });
    const first = await credits.listEntries(a, { limit: 2 });
    expect(first.entries.map((e) => e.amountCents)).toEqual([500, 400]);
    const second = await credits.listEntries(a, { limit: 2, cursor: first.nextCursor });
    expect(second.entries.map((e) => e.amountCents)).toEqual([300, 200]);
    const third = await credits.listEntries(a, { limit: 2, cursor: second.nextCursor });
    expect(third).toMatchObject({ entries: [{ amountCents: 100, seq: 1 }], nextCursor: null });
    expect((await credits.recentEntries(a, 10)).length).toBe(5);
    expect(await apiError(credits.listEntries(a, { cursor: 'not-a-cursor' }))).toMatchObject({ status: 400, details: { field: 'cursor' } });
    expect(await apiError(credits.listEntries(a, { limit: 101 }))).toMatchObject({ status: 400, details: { field: 'limit' } });
  });

  it("joins the caller's transaction: a rollback takes the entry and the balance with it", async () => {
    const a = account();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await credits.topUp(trx, { accountId: a, amountCents: 900, idempotencyKey: `${a}:t` });
        expect(await credits.getBalance(a, trx)).toEqual({ availableCents: 900, reservedCents: 0 });
        throw new Error('caller failed later');
      }),
    ).rejects.toThrow('caller failed later');
    expect(await credits.getBalance(a)).toEqual({ availableCents: 0, reservedCents: 0 });
    expect(await credits.findEntryByKey(`${a}:t`)).toBeNull();
  });

  it('keeps the ledger append-only and the balances non-negative at the database level', async () => {
    const a = account();
    const { entry } = await credits.topUp(database.db, { accountId: a, amountCents: 100, idempotencyKey: `${a}:t` });
    await expect(sql`UPDATE credit_ledger_entries SET amount_cents = 1000000 WHERE id = ${entry.id}`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM credit_ledger_entries WHERE id = ${entry.id}`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE credit_balances SET available_cents = -1 WHERE account_id = ${a}`.execute(database.db)).rejects.toThrow(/check constraint/);
    await expect(
      sql`INSERT INTO credit_ledger_entries (id, account_id, seq, type, amount_cents, available_delta, reserved_delta, available_after, reserved_after, idempotency_key, created_at)
          VALUES ('cle_bad', ${a}, 99, 'CAPTURE', 5, 5, 0, 5, 0, 'bad-sign', now())`.execute(database.db),
    ).rejects.toThrow(/check constraint/);
  });

  it('settles a hold once when two tabs confirm at the same moment', async () => {
    const a = account();
    await credits.topUp(database.db, { accountId: a, amountCents: 2_000, idempotencyKey: `${a}:t` });
    const { hold } = await credits.hold(database.db, { accountId: a, amountCents: 2_000, payeeId: `fl_${a}`, idempotencyKey: `${a}:h` });
    // Same approval confirmed twice: one key, applied once, both callers get the same entry.
    const same = await Promise.all([0, 1].map(() => credits.capture(database.db, { holdId: hold.id, idempotencyKey: `${a}:approve` })));
    expect(same[0].entry.id).toBe(same[1].entry.id);
    expect(same.map((r) => r.replayed).sort()).toEqual([false, true]);
    // A second, different confirmation of the same hold: refused, never paid twice.
    await credits.topUp(database.db, { accountId: a, amountCents: 1_000, idempotencyKey: `${a}:t2` });
    const { hold: h2 } = await credits.hold(database.db, { accountId: a, amountCents: 1_000, idempotencyKey: `${a}:h2` });
    const outcomes = await Promise.allSettled([credits.release(database.db, { holdId: h2.id, idempotencyKey: `${a}:tab1` }), credits.capture(database.db, { holdId: h2.id, idempotencyKey: `${a}:tab2` })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ status: 409, details: { reason: 'hold_not_open' } });
    expect(await credits.getEarnings(`fl_${a}`)).toMatchObject({ earnedCents: 2_000 });
    expect((await credits.verifyAccount(a)).problems).toEqual([]);
  });
});
