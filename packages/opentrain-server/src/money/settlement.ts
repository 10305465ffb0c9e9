/**
 * @module Applying a human's decision on an approval. Confirming runs in ONE transaction that
 * locks the approval row first (a second tab waits, then sees `confirmed` and replays the
 * result), then the contract, then its milestones (always in that order: no deadlocks), and
 * writes the ledger with one idempotency key per approval and purpose (`approval:<id>:escrow`, …).
 * Escrow: HOLD on funding, CAPTURE on milestone approval (the trainer is credited), HOLD_RELEASE
 * when a contract ends with funded work. The $9.95 initiation fee is captured at hire.
 */
import { ApiError, conflict, killPoint, newId } from '@platform/kit';
import { formatUsd, type PaymentMethod } from '../payments';
import { chargeFor, contractRateE4 } from './amounts';
import { contractEnded, Escrow, type PrepaidCard, type SettlementDeps } from './escrow';
import { type JobInfo, normalizeStatus } from './marketplace';
import { type ApprovalTerms, asMoney, type MoneyTrx, type PaymentSource } from './schema';
import { type ApprovalRow, type ContractRow, emit, num, parseJson } from './views';

export interface Decision {
  userId: string;
  source: PaymentSource;
  /** The human's edit of the milestone amount (hire, fund); the agent's terms otherwise. */
  amountCents?: number;
  /** Set by confirm: a Stripe card charged for this approval before its transaction. */
  prepaid?: PrepaidCard;
}

/** Approvals that collect money (and so may charge a card). */
const COLLECTING = new Set(['proposal_hire', 'milestone_fund']);

export type { SettlementDeps } from './escrow';

const STALE_REASONS = new Set(['contract_ended', 'milestone_not_fundable', 'milestone_not_funded', 'already_hired']);

type Applied = {
  result: Record<string, unknown>;
  contractId?: string;
  milestoneId?: string;
  source: PaymentSource | null;
};

export class Settlement {
  private readonly escrow: Escrow;

  constructor(private readonly deps: SettlementDeps) {
    this.escrow = new Escrow(deps);
  }

  /** Ends a locked contract directly (no approval): see Escrow.endContractIn. */
  endContractIn(trx: MoneyTrx, contract: ContractRow, approvalId: string | null): Promise<void> {
    return this.escrow.endContractIn(trx, contract, approvalId);
  }

  /** Confirms once: a confirmed approval replays (`replayed: true`); declined/expired → 409. */
  async confirm(approvalId: string, decision: Decision): Promise<{ row: ApprovalRow; replayed: boolean }> {
    // Reads of other domains that cannot join our transaction happen first (the job is informational).
    const before = await asMoney(this.deps.db).selectFrom('ot_approvals').selectAll().where('id', '=', approvalId).executeTakeFirst();
    const job = before?.type === 'proposal_hire' ? await this.prefetchJob(before.proposal_id as string, before.organization_id) : null;
    // A card saved with Stripe is charged first, outside the transaction (never hold one across HTTP).
    const card = decision.source === 'card' && before?.status === 'pending' && COLLECTING.has(before.type) ? await this.deps.cardPayments.offSessionCard(before.organization_id) : null;
    const prepaid = before && card ? await this.chargeCard(before, decision, card) : undefined;
    const outcome = await this.confirmIn(approvalId, { ...decision, prepaid }, job).catch(async (err: unknown) => {
      // Terms that can never be applied any more (the contract ended, the milestone moved on,
      // the candidate was hired another way): the approval is declined so it stops being "pending".
      if (err instanceof ApiError && STALE_REASONS.has(String(err.details?.reason))) await this.declineStale(approvalId, decision.userId);
      if (prepaid && err instanceof ApiError) {
        throw new ApiError({ kind: err.kind, message: `${err.message} The card charge of ${formatUsd(prepaid.totalCents)} stays in your credits.`, details: { ...err.details, cardChargeKeptAsCreditsCents: prepaid.totalCents } });
      }
      throw err;
    });
    if (!outcome.replayed) killPoint(`opentrain.approval.after-commit:${outcome.row.type}`);
    // Thrown after commit so an expiry flip found on the way is kept.
    if (outcome.row.status !== 'confirmed')
      throw conflict(
        prepaid
          ? `This approval is ${outcome.row.status}; the card charge of ${formatUsd(prepaid.totalCents)} made for it stays in your credits.`
          : `This approval is ${outcome.row.status}; nothing was charged.`,
        { reason: 'approval_not_pending', approvalId, status: outcome.row.status, ...(prepaid ? { cardChargeKeptAsCreditsCents: prepaid.totalCents } : {}) },
      );
    return outcome;
  }

  /** The total this approval collects (as hire / fund compute it), charged to the saved card and credited. */
  private async chargeCard(row: ApprovalRow, decision: Decision, card: PaymentMethod): Promise<PrepaidCard> {
    const terms = parseJson<ApprovalTerms>(row.terms);
    let amount = decision.amountCents ?? terms.milestone?.amountCents;
    if (amount === undefined && row.milestone_id) {
      const milestone = await asMoney(this.deps.db).selectFrom('ot_milestones').select('amount_cents').where('id', '=', row.milestone_id).executeTakeFirst();
      amount = milestone ? num(milestone.amount_cents) : undefined;
    }
    if (amount === undefined) throw new Error(`approval ${row.id} has no amount to charge`);
    const totalCents = chargeFor(amount, { hire: row.type === 'proposal_hire' }).totalCents;
    const charged = await this.deps.cardPayments.chargeForApproval(card, row.id, totalCents);
    return { paymentIntentId: charged.paymentIntentId, totalCents };
  }

  private confirmIn(approvalId: string, decision: Decision, job: JobInfo | null): Promise<{ row: ApprovalRow; replayed: boolean }> {
    return asMoney(this.deps.db)
      .transaction()
      .execute(async (trx) => {
        const row = await this.deps.store.lockForDecision(trx, approvalId);
        if (row.status !== 'pending') return { row, replayed: row.status === 'confirmed' };
        const applied = await this.apply(trx, row, decision, job);
        const now = this.deps.clock.now();
        const updated = await trx
          .updateTable('ot_approvals')
          .set({
            status: 'confirmed',
            result: JSON.stringify(applied.result),
            payment_source: applied.source,
            resolved_by_user_id: decision.userId,
            resolved_at: now,
            contract_id: applied.contractId ?? row.contract_id,
            milestone_id: applied.milestoneId ?? row.milestone_id,
          })
          .where('id', '=', row.id)
          .where('status', '=', 'pending')
          .returningAll()
          .executeTakeFirstOrThrow();
        await emit(trx, this.deps.clock, row.organization_id, 'approval.confirmed', { approvalId: row.id, status: 'confirmed', jobId: row.job_id });
        killPoint(`opentrain.approval.before-commit:${row.type}`);
        return { row: updated, replayed: false };
      });
  }

  async decline(approvalId: string, userId: string): Promise<ApprovalRow> {
    const row = await asMoney(this.deps.db)
      .transaction()
      .execute(async (trx) => {
        const current = await this.deps.store.lockForDecision(trx, approvalId);
        if (current.status !== 'pending') return current;
        const updated = await trx
          .updateTable('ot_approvals')
          .set({
            status: 'declined',
            resolved_by_user_id: userId,
            resolved_at: this.deps.clock.now(),
          })
          .where('id', '=', current.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await emit(trx, this.deps.clock, current.organization_id, 'approval.confirmed', { approvalId: current.id, status: 'declined', jobId: current.job_id });
        return updated;
      });
    if (row.status === 'confirmed')
      throw conflict('This approval was already confirmed.', {
        reason: 'approval_not_pending',
        approvalId,
        status: row.status,
      });
    return row;
  }

  /** Declines terms that can no longer apply; a refusal (another tab confirmed first) leaves the approval as it is. */
  private async declineStale(approvalId: string, userId: string): Promise<void> {
    try {
      await this.decline(approvalId, userId);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
    }
  }

  private async prefetchJob(proposalId: string, organizationId: string): Promise<JobInfo | null> {
    const proposal = await this.deps.marketplace.findProposal(proposalId, organizationId);
    return proposal ? this.deps.marketplace.job(proposal.jobId) : null;
  }

  private apply(trx: MoneyTrx, row: ApprovalRow, decision: Decision, job: JobInfo | null): Promise<Applied> {
    switch (row.type) {
      case 'proposal_hire':
        return this.hire(trx, row, decision, job);
      case 'milestone_fund':
        return this.fund(trx, row, decision);
      case 'milestone_approve':
        return this.approveMilestone(trx, row);
      case 'contract_end':
        return this.end(trx, row);
    }
  }

  private async hire(trx: MoneyTrx, row: ApprovalRow, decision: Decision, prefetched: JobInfo | null): Promise<Applied> {
    const { credits, marketplace, clock } = this.deps;
    const org = row.organization_id;
    const terms = parseJson<ApprovalTerms>(row.terms);
    if (!terms.milestone) throw new Error(`approval ${row.id} has no milestone terms`);
    const proposal = await marketplace.proposal(row.proposal_id as string, org, trx);
    const taken = await trx.selectFrom('ot_contracts').select('id').where('proposal_id', '=', proposal.id).executeTakeFirst();
    if (taken || proposal.contractId || normalizeStatus(proposal.status) === 'HIRED') {
      throw conflict('This candidate is already hired.', {
        reason: 'already_hired',
        proposalId: proposal.id,
        contractId: taken?.id ?? proposal.contractId ?? null,
      });
    }
    const job = prefetched?.id === proposal.jobId ? prefetched : null;
    const amount = decision.amountCents ?? terms.milestone.amountCents;
    const charge = chargeFor(amount, { hire: true });
    const now = clock.now();
    const contractId = newId('ctr', now);
    const milestoneId = newId('ms', now);
    const invoiceId = newId('inv', now);
    const paid = await this.escrow.collect(trx, row, decision.source, charge.totalCents, decision.prepaid);
    const escrow = await credits.hold(trx, {
      accountId: org,
      amountCents: amount,
      reference: milestoneId,
      payeeId: proposal.freelancerUserId,
      idempotencyKey: `approval:${row.id}:escrow`,
      memo: `Escrow for milestone 1 of contract ${contractId}`,
    });
    const feeHold = await this.escrow.holdFee(trx, row, org, milestoneId, charge.marketplaceFeeCents);
    const initiation = await credits.hold(trx, {
      accountId: org,
      amountCents: charge.initiationFeeCents,
      reference: contractId,
      idempotencyKey: `approval:${row.id}:initiation`,
      memo: 'Contract initiation fee',
    });
    await credits.capture(trx, {
      holdId: initiation.hold.id,
      idempotencyKey: `approval:${row.id}:initiation-capture`,
      memo: 'Contract initiation fee',
    });
    const paymentType = String(job?.fields.paymentType ?? 'FIXED_PRICE');
    const rate = contractRateE4(paymentType, job?.fields, proposal.bidAmountUsd);
    // Hours or labels the first milestone buys; a sum below 0.01 unit records no volume.
    const volume = rate ? Math.round(((amount * 100) / rate) * 100) / 100 || null : null;
    await trx
      .insertInto('ot_contracts')
      .values({
        id: contractId,
        organization_id: org,
        job_id: proposal.jobId,
        proposal_id: proposal.id,
        freelancer_user_id: proposal.freelancerUserId,
        title: job?.title ?? 'Contract',
        payment_type: paymentType,
        rate_e4: rate,
        estimated_volume: null,
        status: 'active',
        budget_state: 'OK',
        job_dm_conversation_id: null,
        hire_approval_id: row.id,
        started_at: now,
        ended_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('ot_milestones')
      .values({
        id: milestoneId,
        contract_id: contractId,
        organization_id: org,
        milestone_number: 1,
        name: terms.milestone.name,
        description: terms.milestone.description,
        amount_cents: amount,
        volume,
        due_date: terms.milestone.dueDate,
        status: 'ACTIVE_FUNDED',
        escrow_hold_id: escrow.hold.id,
        fee_hold_id: feeHold,
        fee_cents: charge.marketplaceFeeCents,
        invoice_id: invoiceId,
        funded_at: now,
        paid_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('ot_invoices')
      .values({
        id: invoiceId,
        organization_id: org,
        contract_id: contractId,
        milestone_id: milestoneId,
        job_id: proposal.jobId,
        status: 'FUNDED',
        amount_cents: amount,
        fee_cents: charge.marketplaceFeeCents,
        initiation_fee_cents: charge.initiationFeeCents,
        payment_source: decision.source,
        payment_intent_id: paid ?? escrow.entry.id,
        payout_transaction_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await marketplace.recordHire(trx, { proposalId: proposal.id, contractId });
    const conversationId = await marketplace.ensureJobConversation(trx, {
      organizationId: org,
      jobId: proposal.jobId,
      contractId,
      proposalId: proposal.id,
      freelancerUserId: proposal.freelancerUserId,
    });
    if (conversationId) await trx.updateTable('ot_contracts').set({ job_dm_conversation_id: conversationId }).where('id', '=', contractId).execute();
    await emit(trx, clock, org, 'contract.created', {
      contractId,
      jobId: proposal.jobId,
      proposalId: proposal.id,
    });
    await emit(trx, clock, org, 'milestone.status_changed', {
      milestoneId,
      contractId,
      status: 'ACTIVE_FUNDED',
      jobId: proposal.jobId,
    });
    return {
      result: {
        hired: true,
        contractId,
        jobId: proposal.jobId,
        freelancerUserId: proposal.freelancerUserId,
      },
      contractId,
      milestoneId,
      source: decision.source,
    };
  }

  private async fund(trx: MoneyTrx, row: ApprovalRow, decision: Decision): Promise<Applied> {
    const { credits, clock } = this.deps;
    const { contract, milestone } = await this.escrow.lockMilestone(trx, row);
    if (contract.status === 'ended') throw contractEnded(contract.id);
    if (milestone.status !== 'NOT_FUNDED')
      throw conflict(`Milestone ${milestone.id} is ${milestone.status}; only NOT_FUNDED milestones can be funded.`, {
        reason: 'milestone_not_fundable',
        milestoneId: milestone.id,
        status: milestone.status,
      });
    const terms = parseJson<ApprovalTerms>(row.terms);
    const amount = decision.amountCents ?? terms.milestone?.amountCents ?? num(milestone.amount_cents);
    const charge = chargeFor(amount, { hire: false });
    const paid = await this.escrow.collect(trx, row, decision.source, charge.totalCents, decision.prepaid);
    const escrow = await credits.hold(trx, {
      accountId: contract.organization_id,
      amountCents: amount,
      reference: milestone.id,
      payeeId: contract.freelancer_user_id,
      idempotencyKey: `approval:${row.id}:escrow`,
      memo: `Escrow for milestone ${milestone.milestone_number} of contract ${contract.id}`,
    });
    const feeHold = await this.escrow.holdFee(trx, row, contract.organization_id, milestone.id, charge.marketplaceFeeCents);
    const now = clock.now();
    await trx
      .updateTable('ot_milestones')
      .set({
        status: 'ACTIVE_FUNDED',
        amount_cents: amount,
        escrow_hold_id: escrow.hold.id,
        fee_hold_id: feeHold,
        fee_cents: charge.marketplaceFeeCents,
        funded_at: now,
        updated_at: now,
      })
      .where('id', '=', milestone.id)
      .execute();
    const invoiceId = milestone.invoice_id as string;
    await trx
      .updateTable('ot_invoices')
      .set({
        status: 'FUNDED',
        amount_cents: amount,
        fee_cents: charge.marketplaceFeeCents,
        payment_source: decision.source,
        payment_intent_id: paid ?? escrow.entry.id,
        updated_at: now,
      })
      .where('id', '=', invoiceId)
      .execute();
    await emit(trx, clock, contract.organization_id, 'milestone.status_changed', {
      milestoneId: milestone.id,
      contractId: contract.id,
      status: 'ACTIVE_FUNDED',
      jobId: contract.job_id,
    });
    await this.escrow.refreshBudget(trx, contract.id);
    return {
      result: { invoiceId, paymentIntentId: paid ?? escrow.entry.id },
      source: decision.source,
    };
  }

  private async approveMilestone(trx: MoneyTrx, row: ApprovalRow): Promise<Applied> {
    const { credits, clock } = this.deps;
    const { contract, milestone } = await this.escrow.lockMilestone(trx, row);
    if (milestone.status !== 'ACTIVE_FUNDED')
      throw conflict(`Milestone ${milestone.id} is ${milestone.status}; only ACTIVE_FUNDED milestones can be approved.`, {
        reason: 'milestone_not_funded',
        milestoneId: milestone.id,
        status: milestone.status,
      });
    const captured = await credits.capture(trx, {
      holdId: milestone.escrow_hold_id as string,
      idempotencyKey: `approval:${row.id}:capture`,
      memo: `Milestone ${milestone.milestone_number} approved: paid to the AI trainer`,
    });
    if (milestone.fee_hold_id)
      await credits.capture(trx, {
        holdId: milestone.fee_hold_id,
        idempotencyKey: `approval:${row.id}:capture-fee`,
        memo: 'Marketplace fee (10%)',
      });
    const now = clock.now();
    await trx.updateTable('ot_milestones').set({ status: 'PAID', paid_at: now, updated_at: now }).where('id', '=', milestone.id).execute();
    await trx
      .updateTable('ot_invoices')
      .set({
        status: 'PAID',
        payout_transaction_id: captured.entry.id,
        updated_at: now,
      })
      .where('id', '=', milestone.invoice_id as string)
      .execute();
    await emit(trx, clock, contract.organization_id, 'milestone.status_changed', {
      milestoneId: milestone.id,
      contractId: contract.id,
      status: 'PAID',
      jobId: contract.job_id,
    });
    await this.escrow.refreshBudget(trx, contract.id);
    return {
      result: {
        invoiceId: milestone.invoice_id,
        payoutTransactionId: captured.entry.id,
      },
      source: null,
    };
  }

  private async end(trx: MoneyTrx, row: ApprovalRow): Promise<Applied> {
    const contract = await this.escrow.lockContract(trx, row.contract_id as string, row.organization_id);
    await this.escrow.endContractIn(trx, contract, row.id);
    return { result: { contractEnded: true }, source: null };
  }
}
