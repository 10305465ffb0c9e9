/**
 * @module Approval requests: one live (pending) request per proposal hire, per milestone action
 * and per contract end. The same terms while pending return the same approval (idempotent);
 * different hire terms supersede the live one (it becomes `declined` with `supersededBy`).
 * Pending approvals past `expiresAt` (72 h, injected clock) flip to `expired` whenever read.
 */
import { type Clock, conflict, type Executor, hours, newId, notFound } from '@platform/kit';
import { type ApprovalTerms, type ApprovalType, asMoney, type MoneyTrx } from './schema';
import { type ApprovalRow, emit } from './views';

export const APPROVAL_TTL_MS = hours(72);

export interface ApprovalRequest {
  organizationId: string;
  type: ApprovalType;
  proposalId?: string | null;
  contractId?: string | null;
  milestoneId?: string | null;
  jobId: string | null;
  terms: ApprovalTerms;
  tokenId: string | null;
}

/** Canonical JSON (sorted keys): equal terms → equal keys. */
export function termsKey(terms: ApprovalTerms): string {
  const canon = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
            .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
        )
      : v;
  return JSON.stringify(canon(terms));
}

const UNIQUE_LIVE = ['ot_approvals_live_hire', 'ot_approvals_live_milestone', 'ot_approvals_live_end'];
function isLiveConflict(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === '23505' && UNIQUE_LIVE.some((name) => e.constraint === name || String(e.message).includes(name));
}

export class ApprovalStore {
  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
  ) {}

  /** Returns the live approval for the same target and terms, or creates one (superseding a hire with other terms). */
  async request(input: ApprovalRequest): Promise<{ row: ApprovalRow; created: boolean }> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await asMoney(this.db)
          .transaction()
          .execute((trx) => this.requestIn(trx, input));
      } catch (err) {
        // Two identical requests at once: the partial unique index let one in; read it on retry.
        if (attempt < 2 && isLiveConflict(err)) continue;
        throw err;
      }
    }
  }

  private async requestIn(trx: MoneyTrx, input: ApprovalRequest): Promise<{ row: ApprovalRow; created: boolean }> {
    const key = termsKey(input.terms);
    let live = trx.selectFrom('ot_approvals').selectAll().where('organization_id', '=', input.organizationId).where('type', '=', input.type).where('status', '=', 'pending');
    if (input.type === 'proposal_hire') live = live.where('proposal_id', '=', input.proposalId ?? '');
    else if (input.type === 'contract_end') live = live.where('contract_id', '=', input.contractId ?? '');
    else live = live.where('milestone_id', '=', input.milestoneId ?? '');
    const existing = await live.forUpdate().executeTakeFirst();
    const now = this.clock.now();
    const id = newId('appr', now);
    if (existing) {
      const current = await this.expireIfDue(trx, existing);
      if (current.status === 'pending' && current.terms_key === key) return { row: current, created: false };
      if (current.status === 'pending') {
        await trx.updateTable('ot_approvals').set({ status: 'declined', resolved_at: now, superseded_by: id }).where('id', '=', current.id).execute();
        await emit(trx, this.clock, current.organization_id, 'approval.confirmed', { approvalId: current.id, status: 'declined', jobId: current.job_id });
      }
    }
    const row = await trx
      .insertInto('ot_approvals')
      .values({
        id,
        organization_id: input.organizationId,
        type: input.type,
        status: 'pending',
        proposal_id: input.proposalId ?? null,
        contract_id: input.contractId ?? null,
        milestone_id: input.milestoneId ?? null,
        job_id: input.jobId,
        terms: JSON.stringify(input.terms),
        terms_key: key,
        requested_by_token_id: input.tokenId,
        result: null,
        payment_source: null,
        resolved_by_user_id: null,
        superseded_by: null,
        created_at: now,
        expires_at: new Date(now.getTime() + APPROVAL_TTL_MS),
        resolved_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row, created: true };
  }

  /** Pending past expiry → expired (stored, with its event). Call inside the transaction that read `row`. */
  async expireIfDue(exec: Executor, row: ApprovalRow): Promise<ApprovalRow> {
    if (row.status !== 'pending' || new Date(row.expires_at).getTime() > this.clock.now().getTime()) return row;
    const updated = await asMoney(exec)
      .updateTable('ot_approvals')
      .set({ status: 'expired', resolved_at: this.clock.now() })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (!updated) return (await asMoney(exec).selectFrom('ot_approvals').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()) as ApprovalRow;
    await emit(exec, this.clock, row.organization_id, 'approval.confirmed', {
      approvalId: row.id,
      status: 'expired',
      jobId: row.job_id,
    });
    return updated;
  }

  /** Reads an approval of the account (404 otherwise), flipping it to expired when due. */
  async get(approvalId: string, organizationId: string | null): Promise<ApprovalRow> {
    return asMoney(this.db)
      .transaction()
      .execute(async (trx) => {
        const row = await trx.selectFrom('ot_approvals').selectAll().where('id', '=', approvalId).forUpdate().executeTakeFirst();
        if (!row || (organizationId !== null && row.organization_id !== organizationId)) throw approvalNotFound(approvalId);
        return this.expireIfDue(trx, row);
      });
  }

  /** Locks the approval for a decision (confirm / decline); expired ones are flipped first. */
  async lockForDecision(trx: MoneyTrx, approvalId: string): Promise<ApprovalRow> {
    const row = await trx.selectFrom('ot_approvals').selectAll().where('id', '=', approvalId).forUpdate().executeTakeFirst();
    if (!row) throw approvalNotFound(approvalId);
    return this.expireIfDue(trx, row);
  }

  /** Pending approvals of these milestones, by milestone id → set of types. */
  async pendingByMilestone(milestoneIds: string[], exec: Executor = this.db): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    if (milestoneIds.length === 0) return out;
    const now = this.clock.now();
    const rows = await asMoney(exec)
      .selectFrom('ot_approvals')
      .select(['milestone_id', 'type'])
      .where('milestone_id', 'in', milestoneIds)
      .where('status', '=', 'pending')
      .where('expires_at', '>', now)
      .execute();
    for (const r of rows) {
      const set = out.get(r.milestone_id as string) ?? new Set<string>();
      set.add(r.type);
      out.set(r.milestone_id as string, set);
    }
    return out;
  }

  /** Declines every pending approval of a contract (it ended): they can no longer be applied. */
  async declineForContract(trx: MoneyTrx, contractId: string, milestoneIds: string[], exceptId: string | null): Promise<void> {
    let q = trx.selectFrom('ot_approvals').selectAll().where('status', '=', 'pending');
    q = milestoneIds.length ? q.where((eb) => eb.or([eb('contract_id', '=', contractId), eb('milestone_id', 'in', milestoneIds)])) : q.where('contract_id', '=', contractId);
    // SKIP LOCKED: an approval being confirmed right now holds its row and waits for this contract;
    // waiting for it here would deadlock. That confirm then finds the contract ended and declines itself.
    const rows = await q.forUpdate().skipLocked().execute();
    for (const row of rows) {
      if (row.id === exceptId) continue;
      await trx.updateTable('ot_approvals').set({ status: 'declined', resolved_at: this.clock.now() }).where('id', '=', row.id).execute();
      await emit(trx, this.clock, row.organization_id, 'approval.confirmed', {
        approvalId: row.id,
        status: 'declined',
        jobId: row.job_id,
      });
    }
  }
}

export const approvalNotFound = (approvalId: string) => notFound(`No approval ${approvalId}.`, { resource: 'approvals', approvalId });

export function notPending(row: ApprovalRow) {
  return conflict(`This approval is already ${row.status}.`, {
    reason: 'approval_not_pending',
    approvalId: row.id,
    status: row.status,
  });
}
