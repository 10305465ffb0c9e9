/**
 * Property test over random interleavings of the money workflow and raw ledger traffic, run
 * concurrently (real parallel transactions on PostgreSQL with TEST_DATABASE_URL; queued on PGlite):
 * top-ups, hires, fund / approve / end approvals — each confirmed from one to three "tabs" at
 * once, sometimes racing a decline — and ad-hoc holds, captures, releases and refunds. After every
 * round: available + reserved equals the sum of the ledger, nothing is negative, the cached
 * balance matches the audit, and every approval was applied at most once (exactly once when
 * confirmed): one contract per confirmed hire, one set of ledger entries per approval key.
 */
import { ApiError, createLogger, createMailer, ManualClock, newId } from '@platform/kit';
import { createTestDatabase, type TestDatabase } from '@platform/kit/testing';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtDb } from '../platform/db';
import { resolveLimits } from '../platform/limits';
import { opentrainMigrations } from '../migrations';
import { type AppServices as Services, composeModules } from '../composition';
import { asMoney } from './schema';

let database: TestDatabase;
let services: Services;
const clock = new ManualClock('2026-09-01T00:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase(opentrainMigrations);
  const db = database.db as OtDb;
  ({ services } = composeModules({
    db,
    clock,
    logger: createLogger({ name: 'money-property', level: 'silent' }),
    mailer: createMailer({ from: 'test@example.test', db, clock }),
    limits: resolveLimits(),
    publicUrl: () => 'http://localhost',
    anonymousRegistration: true,
    embedded: false,
  }));
});
afterAll(async () => database?.close());

type Action =
  | { kind: 'topUp'; cents: number }
  | {
      kind: 'hire';
      cents: number;
      tabs: number;
      racingDecline: boolean;
      source: 'credits' | 'card';
    }
  | {
      kind: 'fund';
      contract: number;
      cents: number;
      tabs: number;
      racingDecline: boolean;
    }
  | { kind: 'approve'; contract: number; tabs: number; racingDecline: boolean }
  | { kind: 'end'; contract: number; tabs: number }
  | {
      kind: 'ledger';
      op: 'hold' | 'capture' | 'release' | 'refund';
      cents: number;
      hold: number;
    };

const tabs = fc.integer({ min: 1, max: 3 });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('topUp' as const),
      cents: fc.integer({ min: 1_000, max: 40_000 }),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('hire' as const),
      cents: fc.integer({ min: 100, max: 15_000 }),
      tabs,
      racingDecline: fc.boolean(),
      source: fc.constantFrom('credits' as const, 'credits' as const, 'card' as const),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('fund' as const),
      contract: fc.nat({ max: 9 }),
      cents: fc.integer({ min: 100, max: 8_000 }),
      tabs,
      racingDecline: fc.boolean(),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('approve' as const),
      contract: fc.nat({ max: 9 }),
      tabs,
      racingDecline: fc.boolean(),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('end' as const),
      contract: fc.nat({ max: 9 }),
      tabs,
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('ledger' as const),
      op: fc.constantFrom('hold' as const, 'capture' as const, 'release' as const, 'refund' as const),
      cents: fc.integer({ min: 1, max: 3_000 }),
      hold: fc.nat({ max: 9 }),
    }),
    weight: 2,
  },
);
const roundsArb = fc.array(fc.array(actionArb, { minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 6 });

/** Refusals the workflow is allowed to answer with (money-safe "no"). */
const EXPECTED = new Set([
  'insufficient_credits',
  'approval_not_pending',
  'milestone_not_fundable',
  'milestone_not_funded',
  'contract_ended',
  'already_hired',
  'payment_method_required',
  'hold_not_open',
  'hold_amount_exceeded',
  'nothing_to_refund',
  'refund_exceeds_captured',
]);

function tolerate(err: unknown) {
  if (err instanceof ApiError && EXPECTED.has(String(err.details?.reason))) return;
  throw err;
}

interface World {
  org: string;
  owner: string;
  contracts: string[];
  holds: string[];
  approvals: string[];
}

async function setupWorld(run: number): Promise<World> {
  const db = services.db;
  const { user } = await services.users.findOrCreate(db, {
    email: `owner.${run}.${Date.now()}@example.test`,
    firstName: 'O',
    lastName: 'Wner',
  });
  const org = await services.organizations.create(db, {
    name: `Prop org ${run}`,
  });
  await services.organizations.claim(db, org.id, user.id, clock.now());
  if (run % 2 === 0) await services.money.payments.paymentMethods.addSandboxCard(org.id);
  return {
    org: org.id,
    owner: user.id,
    contracts: [],
    holds: [],
    approvals: [],
  };
}

async function newProposal(w: World): Promise<string> {
  const db = services.db;
  const now = clock.now();
  const { user } = await services.users.findOrCreate(db, {
    email: `t.${newId('u')}@example.test`,
    firstName: 'Tina',
    lastName: 'Trainer',
  });
  await sql`INSERT INTO ot_freelancer_profiles (user_id, slug, first_name, last_name, availability, expertise_level, skills, languages, stats, created_at, updated_at)
    VALUES (${user.id}, ${`t-${user.id}`}, 'Tina', 'Trainer', 'FULL_TIME', 'EXPERT', '{}'::jsonb, '[]'::jsonb, '{}'::jsonb, ${now}, ${now})`.execute(db);
  const jobId = newId('job', now);
  await sql`INSERT INTO ot_jobs (id, organization_id, status, title, fields, slug, created_at, updated_at)
    VALUES (${jobId}, ${w.org}, 'OPEN', 'Prop job', '{"paymentType":"FIXED_PRICE"}'::jsonb, ${`j-${jobId}`}, ${now}, ${now})`.execute(db);
  const proposalId = newId('prop', now);
  await sql`INSERT INTO ot_proposals (id, job_id, organization_id, freelancer_user_id, status, source, match_score, created_at, updated_at)
    VALUES (${proposalId}, ${jobId}, ${w.org}, ${user.id}, 'SHORTLISTED', 'application', 50, ${now}, ${now})`.execute(db);
  return proposalId;
}

/** Confirms one approval from `n` tabs at once (plus maybe a racing decline); returns how many confirms succeeded. */
async function decide(w: World, approvalId: string, n: number, racingDecline: boolean, source: 'credits' | 'card' = 'credits') {
  w.approvals.push(approvalId);
  const { settlement } = services.money;
  const calls: Promise<unknown>[] = Array.from({ length: n }, () => settlement.confirm(approvalId, { userId: w.owner, source }));
  if (racingDecline) calls.push(settlement.decline(approvalId, w.owner));
  const settled = await Promise.allSettled(calls);
  for (const s of settled) if (s.status === 'rejected') tolerate(s.reason);
}

async function act(w: World, a: Action): Promise<void> {
  const { money, credits, db } = services;
  const caller = { organizationId: w.org, tokenId: null };
  try {
    switch (a.kind) {
      case 'topUp':
        await credits.topUp(db, {
          accountId: w.org,
          amountCents: a.cents,
          idempotencyKey: newId('prop-topup'),
        });
        return;
      case 'hire': {
        const proposalId = await newProposal(w);
        const { approval } = await money.contracts.requestHire(caller, proposalId, { milestone: { name: 'M', amount: (a.cents / 100).toFixed(2) } });
        await decide(w, approval.id, a.tabs, a.racingDecline, a.source);
        const contract = await asMoney(db).selectFrom('ot_contracts').select('id').where('hire_approval_id', '=', approval.id).executeTakeFirst();
        if (contract) w.contracts.push(contract.id);
        return;
      }
      case 'fund': {
        const contractId = w.contracts[a.contract % Math.max(1, w.contracts.length)];
        if (!contractId) return;
        const m = await money.contracts.createMilestone(w.org, contractId, {
          description: 'More',
          amountUsd: (a.cents / 100).toFixed(2),
        });
        const { approval } = await money.contracts.requestFunding(caller, m.id);
        await decide(w, approval.id, a.tabs, a.racingDecline);
        return;
      }
      case 'approve': {
        const contractId = w.contracts[a.contract % Math.max(1, w.contracts.length)];
        if (!contractId) return;
        const funded = await asMoney(db).selectFrom('ot_milestones').select('id').where('contract_id', '=', contractId).where('status', '=', 'ACTIVE_FUNDED').executeTakeFirst();
        if (!funded) return;
        const { approval } = await money.contracts.requestApproval(caller, funded.id);
        await decide(w, approval.id, a.tabs, a.racingDecline);
        return;
      }
      case 'end': {
        const contractId = w.contracts[a.contract % Math.max(1, w.contracts.length)];
        if (!contractId) return;
        const outcome = await money.contracts.end(caller, contractId);
        if (!outcome.direct) await decide(w, outcome.approval.id, a.tabs, false);
        return;
      }
      case 'ledger': {
        if (a.op === 'hold') {
          const r = await credits.hold(db, {
            accountId: w.org,
            amountCents: a.cents,
            idempotencyKey: newId('prop-hold'),
            payeeId: 'fl_prop',
          });
          w.holds.push(r.hold.id);
          return;
        }
        const holdId = w.holds[a.hold % Math.max(1, w.holds.length)];
        if (!holdId) return;
        await credits[a.op](db, {
          holdId,
          amountCents: a.cents,
          idempotencyKey: newId(`prop-${a.op}`),
        });
        return;
      }
    }
  } catch (err) {
    tolerate(err);
  }
}

async function checkInvariants(w: World) {
  const db = services.db;
  const audit = await services.credits.verifyAccount(w.org);
  expect(audit.problems).toEqual([]);
  const { rows } = await sql<{ signed: string | number }>`
    SELECT COALESCE(SUM(CASE WHEN type IN ('TOP_UP','REFUND','ADJUSTMENT','CAPTURE') THEN amount_cents ELSE 0 END), 0)::bigint AS signed
    FROM credit_ledger_entries WHERE account_id = ${w.org}`.execute(db);
  const balance = await services.credits.getBalance(w.org);
  expect(balance.availableCents + balance.reservedCents).toBe(Number(rows[0].signed));
  expect(balance.availableCents).toBeGreaterThanOrEqual(0);
  expect(balance.reservedCents).toBeGreaterThanOrEqual(0);
  for (const approvalId of w.approvals) {
    const row = await asMoney(db).selectFrom('ot_approvals').selectAll().where('id', '=', approvalId).executeTakeFirstOrThrow();
    if (row.status === 'confirmed') confirmedSeen++;
    const entries = await asMoney(db).selectFrom('credit_ledger_entries').select(['type', 'idempotency_key']).where('idempotency_key', 'like', `approval:${approvalId}:%`).execute();
    const keys = entries.map((e) => e.idempotency_key);
    expect(new Set(keys).size).toBe(keys.length);
    if (row.type === 'proposal_hire') {
      const contracts = await asMoney(db).selectFrom('ot_contracts').select('id').where('hire_approval_id', '=', approvalId).execute();
      expect(contracts.length).toBe(row.status === 'confirmed' ? 1 : 0);
      // escrow + fee + initiation hold + initiation capture (+ card charge)
      if (row.status === 'confirmed') expect(entries.filter((e) => e.type === 'HOLD')).toHaveLength(3);
    }
    if (row.status !== 'confirmed') expect(entries).toEqual([]);
    if (row.type === 'milestone_approve' && row.status === 'confirmed') expect(entries.filter((e) => e.type === 'CAPTURE')).toHaveLength(2);
  }
  const contractStates = await asMoney(db).selectFrom('ot_milestones').select(['status', 'escrow_hold_id']).where('organization_id', '=', w.org).execute();
  for (const m of contractStates) {
    if (m.status !== 'ACTIVE_FUNDED' || !m.escrow_hold_id) continue;
    expect((await services.credits.getHold(m.escrow_hold_id)).status).toBe('OPEN');
  }
}

let run = 0;
let confirmedSeen = 0;
describe('money workflow under concurrency (property)', () => {
  it('never breaks the ledger invariant and applies every approval at most once', async () => {
    await fc.assert(
      fc.asyncProperty(roundsArb, async (rounds) => {
        const w = await setupWorld(++run);
        await services.credits.topUp(services.db, {
          accountId: w.org,
          amountCents: 30_000,
          idempotencyKey: newId('seed'),
        });
        for (const round of rounds) {
          await Promise.all(round.map((a) => act(w, a)));
          await checkInvariants(w);
        }
      }),
      {
        numRuns: Number(process.env.MONEY_PROPERTY_RUNS ?? 12),
        endOnFailure: process.env.MONEY_PROPERTY_SHRINK !== '1',
      },
    );
    // The generator really exercises confirmations (not only refusals).
    expect(confirmedSeen).toBeGreaterThan(0);
  }, 240_000);

  it('two tabs confirming the same hire at once apply it once', async () => {
    const w = await setupWorld(++run);
    await services.credits.topUp(services.db, {
      accountId: w.org,
      amountCents: 100_000,
      idempotencyKey: newId('seed'),
    });
    for (let i = 0; i < 5; i++) {
      const proposalId = await newProposal(w);
      const { approval } = await services.money.contracts.requestHire({ organizationId: w.org, tokenId: null }, proposalId, { milestone: { name: 'M', amount: '100.00' } });
      const both = await Promise.all(
        [0, 1].map(() =>
          services.money.settlement.confirm(approval.id, {
            userId: w.owner,
            source: 'credits',
          }),
        ),
      );
      expect(both.map((r) => r.replayed).sort()).toEqual([false, true]);
      w.approvals.push(approval.id);
    }
    await checkInvariants(w);
    // 5 × (100.00 + 10.00 fee + 9.95 initiation)
    expect(await services.credits.getBalance(w.org)).toEqual({
      availableCents: 100_000 - 5 * 11_995,
      reservedCents: 5 * 11_000,
    });
  });
});
