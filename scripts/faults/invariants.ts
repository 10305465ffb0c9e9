/**
 * @module What must hold in the databases after the faults, read with SQL once the app is stopped
 * (the embedded data directory is opened here, so it must have survived every SIGKILL): the credit
 * ledger audit of every account, one contract per hire and one event per state change, no stuck or
 * dead job, every TrainAR minute pool equal to its ledger and every stopped session charged once,
 * every knowledge file fully chunked and embedded.
 */
import { join } from 'node:path';
import { type AnyDb, openDatabase, systemClock } from '@platform/kit';
import { sql } from 'kysely';
import { CreditReads } from '../../packages/opentrain-server/src/credits';
import type { Target } from './app';

export interface Databases {
  opentrain: AnyDb;
  trainar: AnyDb;
  close(): Promise<void>;
}

export async function openDatabases(target: Target): Promise<Databases> {
  const open = (schema: 'opentrain' | 'trainar') => (target.env.DATABASE_URL ? openDatabase({ url: target.env.DATABASE_URL, schema, poolSize: 2 }) : openDatabase({ dataDir: join(target.env.DATA_DIR, schema), schema }));
  const opentrain = await open('opentrain');
  const trainar = await open('trainar');
  return { opentrain: opentrain.db, trainar: trainar.db, close: async () => void (await Promise.all([opentrain.close(), trainar.close()])) };
}

const rows = async <T>(db: AnyDb, query: ReturnType<typeof sql<T>>) => (await query.execute(db)).rows;

/** Jobs that did not finish: running (nobody can hold a lease once the app stopped cleanly), dead, or pending long past due. */
async function unfinishedJobs(db: AnyDb): Promise<string[]> {
  const stuck = await rows<{ kind: string; status: string; n: string }>(
    db,
    sql`select kind, status, count(*)::text as n from jobs
        where status in ('running', 'dead') or (status = 'pending' and run_at < now() - interval '60 seconds')
        group by kind, status order by kind, status`,
  );
  return stuck.map((r) => `${r.n} ${r.kind} job(s) ${r.status}${r.status === 'pending' ? ' and overdue' : ''}`);
}

export async function opentrainProblems(db: AnyDb): Promise<string[]> {
  const problems: string[] = [];
  const reads = new CreditReads(db, systemClock);
  for (const { account_id } of await rows<{ account_id: string }>(db, sql`select account_id from credit_balances`)) {
    const audit = await reads.verifyAccount(account_id);
    problems.push(...audit.problems.map((p) => `credits of ${account_id}: ${p}`));
  }
  const doubleContracts = await rows<{ proposal_id: string }>(db, sql`select proposal_id from ot_contracts group by proposal_id having count(*) > 1`);
  problems.push(...doubleContracts.map((r) => `proposal ${r.proposal_id} has more than one contract`));
  // A confirmed hire has its contract, and each change emitted its event exactly once.
  const hires = await rows<{ id: string; contract_id: string | null; contracts: string; events: string }>(
    db,
    sql`select a.id, a.contract_id,
          (select count(*) from ot_contracts c where c.id = a.contract_id)::text as contracts,
          (select count(*) from outbox_events e where e.type = 'contract.created' and e.payload->>'contractId' = a.contract_id)::text as events
        from ot_approvals a where a.type = 'proposal_hire' and a.status = 'confirmed'`,
  );
  for (const h of hires) {
    if (h.contracts !== '1') problems.push(`confirmed hire ${h.id} has ${h.contracts} contracts`);
    if (h.events !== '1') problems.push(`confirmed hire ${h.id}: ${h.events} contract.created events`);
  }
  const confirmations = await rows<{ approval: string; n: string }>(
    db,
    sql`select payload->>'approvalId' as approval, count(*)::text as n from outbox_events
        where type = 'approval.confirmed' group by 1 having count(*) > 1`,
  );
  problems.push(...confirmations.map((r) => `approval ${r.approval}: ${r.n} approval.confirmed events`));
  const paid = await rows<{ id: string; captures: string }>(
    db,
    sql`select m.id, (select count(*) from credit_ledger_entries e where e.hold_id = m.escrow_hold_id and e.type = 'CAPTURE')::text as captures
        from ot_milestones m where m.status = 'PAID'`,
  );
  problems.push(...paid.filter((m) => m.captures !== '1').map((m) => `paid milestone ${m.id}: ${m.captures} escrow captures`));
  // A contract ended with funded work: each refunded milestone's escrow returned exactly once, never paid out.
  const refunded = await rows<{ id: string; releases: string; captures: string }>(
    db,
    sql`select m.id,
          (select count(*) from credit_ledger_entries e where e.hold_id = m.escrow_hold_id and e.type = 'HOLD_RELEASE')::text as releases,
          (select count(*) from credit_ledger_entries e where e.hold_id = m.escrow_hold_id and e.type = 'CAPTURE')::text as captures
        from ot_milestones m where m.status = 'REFUNDED'`,
  );
  problems.push(...refunded.filter((m) => m.releases !== '1' || m.captures !== '0').map((m) => `refunded milestone ${m.id}: ${m.releases} escrow releases, ${m.captures} captures`));
  const endedWithEscrow = await rows<{ id: string }>(
    db,
    sql`select c.id from ot_contracts c where c.status = 'ended' and exists (select 1 from ot_milestones m where m.contract_id = c.id and m.status = 'ACTIVE_FUNDED')`,
  );
  problems.push(...endedWithEscrow.map((c) => `ended contract ${c.id} still holds funded escrow`));
  problems.push(...(await unfinishedJobs(db)).map((p) => `OpenTrain: ${p}`));
  return problems;
}

export async function trainarProblems(db: AnyDb): Promise<string[]> {
  const problems: string[] = [];
  const pools = await rows<{ tenant_id: string; pool: string; ledger: string }>(
    db,
    sql`select b.tenant_id, (b.included_minutes + b.purchased_minutes)::text as pool,
          coalesce((select sum(t.minutes) from minute_transactions t where t.tenant_id = b.tenant_id), 0)::text as ledger
        from billing_accounts b`,
  );
  for (const p of pools) {
    if (Number(p.pool) !== Number(p.ledger)) problems.push(`minute pool of ${p.tenant_id}: ${p.pool} ≠ ledger sum ${p.ledger}`);
  }
  // Every stopped session's active time was charged once (charged + unbilled = duration); running ones not at all.
  const sessions = await rows<{ id: string; stopped: boolean; duration_seconds: number | null; charged: string; usages: string }>(
    db,
    sql`select s.id, s.stopped_at is not null as stopped, s.duration_seconds,
          coalesce((select sum(-t.minutes + t.unbilled_minutes) from minute_transactions t where t.session_id = s.id and t.type = 'usage'), 0)::text as charged,
          (select count(*) from minute_transactions t where t.session_id = s.id and t.type = 'usage')::text as usages
        from training_sessions s`,
  );
  for (const s of sessions) {
    const expected = s.stopped ? Math.round(((s.duration_seconds ?? 0) / 60) * 10000) / 10000 : 0;
    if (Math.abs(Number(s.charged) - expected) > 0.0001) problems.push(`session ${s.id}: charged ${s.charged} min for ${s.stopped ? `${s.duration_seconds} s` : 'a running session'}`);
    if (Number(s.usages) > 2) problems.push(`session ${s.id}: ${s.usages} usage rows (one stop writes one, or two across both pools)`);
  }
  const files = await rows<{ id: string; status: string; chunk_count: number; chunks: string; unembedded: string; max_ordinal: number | null }>(
    db,
    sql`select f.id, f.status, f.chunk_count,
          (select count(*) from knowledge_chunks c where c.file_id = f.id)::text as chunks,
          (select count(*) from knowledge_chunks c where c.file_id = f.id and c.embedding_model is null)::text as unembedded,
          (select max(ordinal) from knowledge_chunks c where c.file_id = f.id) as max_ordinal
        from knowledge_files f`,
  );
  for (const f of files) {
    if (f.status !== 'ready') problems.push(`knowledge file ${f.id} is ${f.status}`);
    else if (Number(f.chunks) !== f.chunk_count || (f.max_ordinal ?? -1) + 1 !== f.chunk_count || f.unembedded !== '0') {
      problems.push(`knowledge file ${f.id}: ${f.chunks} chunks (max ordinal ${f.max_ordinal}) for chunk_count ${f.chunk_count}, ${f.unembedded} without a vector`);
    }
  }
  problems.push(...(await unfinishedJobs(db)).map((p) => `TrainAR: ${p}`));
  return problems;
}

/** Every invariant of both products on `target`'s databases, opened directly (the app must be stopped). */
export async function invariantProblems(target: Target): Promise<string[]> {
  const dbs = await openDatabases(target);
  try {
    return [...(await opentrainProblems(dbs.opentrain)), ...(await trainarProblems(dbs.trainar))];
  } finally {
    await dbs.close();
  }
}
