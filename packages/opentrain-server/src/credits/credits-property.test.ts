/**
 * Property-based tests of the ledger invariant (docs/credits-and-payments.md):
 *   available = Σ available_delta, reserved = Σ reserved_delta = Σ open holds' remainders,
 *   available + reserved = Σ TOP_UP + Σ REFUND + Σ ADJUSTMENT − Σ |CAPTURE|, nothing negative,
 *   every applied operation is exactly one entry, a hold is never settled twice.
 * Batches of operations run concurrently (real parallel transactions on PostgreSQL; queued on the
 * single PGlite connection), each operation sometimes submitted twice at once ("two tabs").
 */
import { ApiError, kitMigrations, ManualClock } from '@platform/kit';
import { createTestDatabase, type TestDatabase } from '@platform/kit/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreditsService, creditsMigrations, type EntryResult, type HoldResult } from './index';

let database: TestDatabase;
let credits: CreditsService;
const clock = new ManualClock('2026-04-01T00:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase([...kitMigrations, ...creditsMigrations]);
  credits = new CreditsService(database.db, clock);
});
afterAll(async () => database?.close());

type Dup = 'none' | 'sameKey' | 'otherKey';
type Op =
  | { kind: 'topUp'; cents: number }
  | { kind: 'adjust'; cents: number }
  | { kind: 'hold'; cents: number; payee: boolean; dup: Dup }
  | { kind: 'capture' | 'release' | 'refund'; hold: number; cents: number | null; dup: Dup };

const amount = fc.integer({ min: 1, max: 4_000 });
const settleCents = fc.option(fc.integer({ min: 1, max: 3_000 }), { nil: null, freq: 2 });
const dup = fc.constantFrom<Dup>('none', 'none', 'sameKey', 'otherKey');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('topUp' as const), cents: fc.integer({ min: 1, max: 8_000 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('adjust' as const), cents: fc.integer({ min: -1_500, max: 1_500 }).filter((c) => c !== 0) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('hold' as const), cents: amount, payee: fc.boolean(), dup }), weight: 4 },
  ...(['capture', 'release', 'refund'] as const).map((kind) => ({
    arbitrary: fc.record({ kind: fc.constant(kind), hold: fc.nat({ max: 20 }), cents: settleCents, dup }),
    weight: 3,
  })),
);
/** ~20 operations in 3–8 concurrent batches. */
const batchesArb = fc.array(fc.array(opArb, { minLength: 1, maxLength: 5 }), { minLength: 3, maxLength: 8 });

const EXPECTED_CONFLICTS = new Set(['insufficient_credits', 'hold_not_open', 'hold_amount_exceeded', 'nothing_to_refund', 'refund_exceeds_captured']);
let run = 0;

interface Outcome {
  op: Op;
  keys: string[];
  results: PromiseSettledResult<EntryResult>[];
}

function submit(accountId: string, payee: string, op: Op, holds: string[], key: string): Promise<EntryResult> {
  switch (op.kind) {
    case 'topUp':
      return credits.topUp(database.db, { accountId, amountCents: op.cents, idempotencyKey: key });
    case 'adjust':
      return credits.adjust(database.db, { accountId, amountCents: op.cents, memo: 'property test', idempotencyKey: key });
    case 'hold':
      return credits.hold(database.db, { accountId, amountCents: op.cents, payeeId: op.payee ? payee : null, idempotencyKey: key }).then((r) => {
        if (!holds.includes(r.hold.id)) holds.push(r.hold.id);
        return r;
      });
    default: {
      const input = { holdId: holds[op.hold % holds.length], idempotencyKey: key, ...(op.cents === null ? {} : { amountCents: op.cents }) };
      return credits[op.kind](database.db, input);
    }
  }
}

async function runBatches(batches: Op[][], options: { concurrent: boolean }) {
  const accountId = `acct_prop_${++run}_${Date.now().toString(36)}`;
  const payee = `fl_prop_${run}`;
  const holds: string[] = [];
  const outcomes: Outcome[] = [];
  let seq = 0;
  for (const batch of batches) {
    const tasks = batch.map((op) => async () => {
      const key = `${accountId}:${++seq}`;
      const d = 'dup' in op ? op.dup : 'none';
      const keys = d === 'none' ? [key] : d === 'sameKey' ? [key, key] : [key, `${key}:tab2`];
      if (op.kind !== 'topUp' && op.kind !== 'adjust' && op.kind !== 'hold' && holds.length === 0) return;
      const outcome: Outcome = { op, keys, results: [] };
      outcomes.push(outcome);
      if (options.concurrent) {
        outcome.results = await Promise.allSettled(keys.map((k) => submit(accountId, payee, op, holds, k)));
      } else {
        for (const k of keys) outcome.results.push(...(await Promise.allSettled([submit(accountId, payee, op, holds, k)])));
      }
    });
    if (options.concurrent) await Promise.all(tasks.map((t) => t()));
    else for (const t of tasks) await t();
  }
  return { accountId, payee, outcomes };
}

async function checkInvariants({ accountId, payee, outcomes }: Awaited<ReturnType<typeof runBatches>>) {
  const applied = new Map<string, EntryResult>();
  for (const { op, keys, results } of outcomes) {
    for (const r of results) {
      if (r.status === 'rejected') {
        // Every refusal is a clean 409 with a known reason: no deadlock, no unique violation, no 500.
        expect(r.reason).toBeInstanceOf(ApiError);
        expect((r.reason as ApiError).status).toBe(409);
        expect(EXPECTED_CONFLICTS).toContain((r.reason as ApiError).details?.reason);
      } else if (!r.value.replayed) {
        expect(applied.has(r.value.entry.id)).toBe(false);
        applied.set(r.value.entry.id, r.value);
      }
    }
    const ok = results.filter((r): r is PromiseFulfilledResult<EntryResult> => r.status === 'fulfilled');
    if (keys[0] === keys[1]) {
      // Same key twice at once: applied at most once, both callers see the same entry.
      expect(ok.filter((r) => !r.value.replayed).length).toBeLessThanOrEqual(1);
      expect(new Set(ok.map((r) => r.value.entry.id)).size).toBeLessThanOrEqual(1);
    } else if (keys.length === 2 && (op.kind === 'capture' || op.kind === 'release') && op.cents === null) {
      // Two different confirmations settling the whole hold: exactly one can win.
      expect(ok.length).toBeLessThanOrEqual(1);
    }
  }

  const audit = await credits.verifyAccount(accountId);
  expect(audit.problems).toEqual([]);
  const balance = await credits.getBalance(accountId);
  expect(balance.availableCents).toBeGreaterThanOrEqual(0);
  expect(balance.reservedCents).toBeGreaterThanOrEqual(0);

  // The ledger holds exactly the applied operations, nothing more.
  const ledger = [];
  for (let cursor: string | null = null, first = true; first || cursor; first = false) {
    const page = await credits.listEntries(accountId, { cursor, limit: 100 });
    ledger.push(...page.entries);
    cursor = page.nextCursor;
  }
  expect(ledger.map((e) => e.id).sort()).toEqual([...applied.keys()].sort());

  // available + reserved = money in − money captured, computed from what callers were told.
  let total = 0;
  let earned = 0;
  for (const r of applied.values()) {
    total += r.entry.availableDelta + r.entry.reservedDelta;
    const hold = (r as HoldResult).hold;
    if (hold?.payeeId === payee && r.entry.type === 'CAPTURE') earned += (r as HoldResult).movedCents;
    if (hold?.payeeId === payee && r.entry.type === 'REFUND') earned -= (r as HoldResult).movedCents;
  }
  expect(balance.availableCents + balance.reservedCents).toBe(total);
  expect((await credits.getEarnings(payee)).earnedCents).toBe(earned);
  for (const hold of await credits.listHolds(accountId, { status: 'ALL' })) {
    expect(hold.capturedCents + hold.releasedCents).toBeLessThanOrEqual(hold.amountCents);
    expect(hold.refundedCents).toBeLessThanOrEqual(hold.capturedCents);
  }
}

describe('credit ledger properties', () => {
  it('keeps the invariant under concurrent, duplicated operations', async () => {
    await fc.assert(
      fc.asyncProperty(batchesArb, async (batches) => {
        await checkInvariants(await runBatches(batches, { concurrent: true }));
      }),
      { numRuns: Number(process.env.CREDITS_PROPERTY_RUNS ?? 40) },
    );
  });

  it('matches a simple model when operations run one at a time', async () => {
    await fc.assert(
      fc.asyncProperty(batchesArb, async (batches) => {
        const result = await runBatches(batches, { concurrent: false });
        await checkInvariants(result);
        // Replay the same operations on an in-memory model and compare every outcome.
        const model = { available: 0, holds: new Map<string, { amount: number; captured: number; released: number; refunded: number }>() };
        for (const { op, keys, results } of result.outcomes) {
          for (let i = 0; i < results.length; i++) {
            const actual = results[i];
            if (i === 1 && keys[0] === keys[1]) {
              expect(actual).toMatchObject(results[0].status === 'fulfilled' ? { status: 'fulfilled', value: { replayed: true } } : { status: 'rejected' });
              continue;
            }
            const expected = applyToModel(model, op, actual);
            if (expected.ok) expect(actual).toMatchObject({ status: 'fulfilled', value: { replayed: false } });
            else expect(actual).toMatchObject({ status: 'rejected', reason: { details: { reason: expected.reason } } });
          }
        }
        const reserved = [...model.holds.values()].reduce((s, h) => s + h.amount - h.captured - h.released, 0);
        expect(await credits.getBalance(result.accountId)).toEqual({ availableCents: model.available, reservedCents: reserved });
      }),
      { numRuns: 30 },
    );
  });
});

type ModelHold = { amount: number; captured: number; released: number; refunded: number };

function applyToModel(model: { available: number; holds: Map<string, ModelHold> }, op: Op, actual: PromiseSettledResult<EntryResult>): { ok: true } | { ok: false; reason: string } {
  const fail = (reason: string) => ({ ok: false as const, reason });
  if (op.kind === 'topUp') {
    model.available += op.cents;
    return { ok: true };
  }
  if (op.kind === 'adjust' || op.kind === 'hold') {
    const debit = op.kind === 'hold' ? op.cents : -op.cents;
    if (model.available < debit) return fail('insufficient_credits');
    model.available -= debit;
    if (op.kind === 'hold') {
      const id = (actual as PromiseFulfilledResult<HoldResult>).value.hold.id;
      model.holds.set(id, { amount: op.cents, captured: 0, released: 0, refunded: 0 });
    }
    return { ok: true };
  }
  // The hold an operation targeted is the one its result or error names.
  const holdId = actual.status === 'fulfilled' ? (actual.value as HoldResult).hold.id : ((actual.reason as ApiError).details?.holdId as string);
  const h = model.holds.get(holdId) as ModelHold;
  expect(h).toBeDefined();
  const remaining = h.amount - h.captured - h.released;
  if (op.kind === 'refund') {
    const refundable = h.captured - h.refunded;
    if (refundable === 0) return fail('nothing_to_refund');
    const cents = op.cents ?? refundable;
    if (cents > refundable) return fail('refund_exceeds_captured');
    h.refunded += cents;
    model.available += cents;
    return { ok: true };
  }
  if (remaining === 0) return fail('hold_not_open');
  const cents = op.cents ?? remaining;
  if (cents > remaining) return fail('hold_amount_exceeded');
  if (op.kind === 'capture') h.captured += cents;
  else {
    h.released += cents;
    model.available += cents;
  }
  return { ok: true };
}
