/**
 * @module Escrow mechanics shared by the settlement of approvals and direct contract ends: how the
 * money is collected (credits, or the card on file charged as a TOP_UP), fee holds, ending a
 * contract (release funded escrow, cancel the rest), the lock order (contract → milestone) and
 * the budget state with its event.
 */
import { type Clock, conflict, type Executor, notFound } from '@platform/kit';
import type { CreditsService } from '../credits';
import { type CardPaymentsService, formatUsd, type PaymentMethodsService } from '../payments';
import type { MoneyTrx, PaymentSource } from './schema';
import type { ApprovalStore } from './approvals';
import type { Marketplace } from './marketplace';
import { type ApprovalRow, budgetOf, type ContractRow, emit, type MilestoneRow } from './views';

/** What settlement and escrow are built from. */
export interface SettlementDeps {
  db: Executor;
  clock: Clock;
  credits: CreditsService;
  paymentMethods: PaymentMethodsService;
  /** Charges a card saved with Stripe before the approval's transaction (card-payments.ts). */
  cardPayments: CardPaymentsService;
  marketplace: Marketplace;
  store: ApprovalStore;
  billingUrl(): string;
}

/** A card saved with Stripe, charged (and credited) before the approval's transaction. */
export interface PrepaidCard {
  paymentIntentId: string;
  totalCents: number;
}

export class Escrow {
  constructor(private readonly deps: SettlementDeps) {}

  /**
   * Ends a locked, active contract: funded milestones are released back to the account
   * (REFUNDED, fee released too), unfunded ones CANCELLED, pending approvals on it declined.
   */
  async endContractIn(trx: MoneyTrx, contract: ContractRow, approvalId: string | null): Promise<void> {
    const { credits, clock } = this.deps;
    if (contract.status === 'ended') throw contractEnded(contract.id);
    const milestones = await trx.selectFrom('ot_milestones').selectAll().where('contract_id', '=', contract.id).orderBy('milestone_number').forNoKeyUpdate().execute();
    const now = clock.now();
    const key = approvalId ? `approval:${approvalId}` : `contract-end:${contract.id}`;
    for (const m of milestones) {
      if (m.status === 'ACTIVE_FUNDED') {
        await credits.release(trx, {
          holdId: m.escrow_hold_id as string,
          idempotencyKey: `${key}:release:${m.id}`,
          memo: `Contract ended: escrow of milestone ${m.milestone_number} returned`,
        });
        if (m.fee_hold_id)
          await credits.release(trx, {
            holdId: m.fee_hold_id,
            idempotencyKey: `${key}:release-fee:${m.id}`,
            memo: 'Contract ended: marketplace fee returned',
          });
        await trx.updateTable('ot_milestones').set({ status: 'REFUNDED', updated_at: now }).where('id', '=', m.id).execute();
        if (m.invoice_id) await trx.updateTable('ot_invoices').set({ status: 'REFUNDED', updated_at: now }).where('id', '=', m.invoice_id).execute();
      } else if (m.status === 'NOT_FUNDED') {
        await trx.updateTable('ot_milestones').set({ status: 'CANCELLED', updated_at: now }).where('id', '=', m.id).execute();
        if (m.invoice_id) await trx.updateTable('ot_invoices').set({ status: 'CANCELLED', updated_at: now }).where('id', '=', m.invoice_id).execute();
      } else continue;
      await emit(trx, clock, contract.organization_id, 'milestone.status_changed', {
        milestoneId: m.id,
        contractId: contract.id,
        status: m.status === 'ACTIVE_FUNDED' ? 'REFUNDED' : 'CANCELLED',
        jobId: contract.job_id,
      });
    }
    await trx.updateTable('ot_contracts').set({ status: 'ended', ended_at: now, updated_at: now }).where('id', '=', contract.id).execute();
    await this.deps.marketplace.markContractEnded(trx, contract.id);
    await this.deps.store.declineForContract(
      trx,
      contract.id,
      milestones.map((m) => m.id),
      approvalId,
    );
  }

  /**
   * Card: the card on file pays the total (a TOP_UP the holds then draw on). The sandbox card is
   * charged here; a Stripe card was charged before this transaction (`prepaid`, already credited).
   * Credits: nothing to collect.
   */
  async collect(trx: MoneyTrx, row: ApprovalRow, source: PaymentSource, totalCents: number, prepaid?: PrepaidCard): Promise<string | null> {
    if (source === 'credits') return null;
    const method = await this.deps.paymentMethods.getPaymentMethod(row.organization_id, trx);
    if (!method)
      throw conflict('No card on file for this account: add one on the billing page or pay with credits.', {
        reason: 'payment_method_required',
        billingUrl: this.deps.billingUrl(),
      });
    if (method.provider === 'stripe') {
      // The total moved since the charge (the milestone changed in between): the charge stays in credits.
      if (!prepaid || prepaid.totalCents !== totalCents) {
        throw conflict(`The card charge does not match the ${formatUsd(totalCents)} total any more; confirm again.`, { reason: 'card_charge_mismatch', billingUrl: this.deps.billingUrl() });
      }
      return prepaid.paymentIntentId;
    }
    const { entry } = await this.deps.credits.topUp(trx, {
      accountId: row.organization_id,
      amountCents: totalCents,
      reference: row.id,
      idempotencyKey: `approval:${row.id}:card`,
      memo: `${method.label} charged ${formatUsd(totalCents)}`,
    });
    return `sbx_pi_${entry.id}`;
  }

  async holdFee(trx: MoneyTrx, row: ApprovalRow, accountId: string, milestoneId: string, feeCents: number): Promise<string | null> {
    if (feeCents === 0) return null;
    const fee = await this.deps.credits.hold(trx, {
      accountId,
      amountCents: feeCents,
      reference: milestoneId,
      idempotencyKey: `approval:${row.id}:fee`,
      memo: 'Marketplace fee (10%), captured when the milestone is approved',
    });
    return fee.hold.id;
  }

  async lockContract(trx: MoneyTrx, contractId: string, organizationId: string): Promise<ContractRow> {
    const contract = await trx.selectFrom('ot_contracts').selectAll().where('id', '=', contractId).where('organization_id', '=', organizationId).forNoKeyUpdate().executeTakeFirst();
    if (!contract)
      throw notFound(`No contract ${contractId}.`, {
        resource: 'contracts',
        contractId,
      });
    return contract;
  }

  /** Contract first, then the milestone (the order every writer uses). */
  async lockMilestone(trx: MoneyTrx, row: ApprovalRow): Promise<{ contract: ContractRow; milestone: MilestoneRow }> {
    const contract = await this.lockContract(trx, row.contract_id as string, row.organization_id);
    const milestone = await trx
      .selectFrom('ot_milestones')
      .selectAll()
      .where('id', '=', row.milestone_id as string)
      .where('contract_id', '=', contract.id)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!milestone)
      throw notFound(`No milestone ${row.milestone_id}.`, {
        resource: 'milestones',
        milestoneId: row.milestone_id,
      });
    return { contract, milestone };
  }

  /** Recomputes the budget state and emits contract.budget_state_changed when it moved. */
  async refreshBudget(trx: MoneyTrx, contractId: string): Promise<void> {
    const contract = await trx.selectFrom('ot_contracts').selectAll().where('id', '=', contractId).executeTakeFirstOrThrow();
    const milestones = await trx.selectFrom('ot_milestones').selectAll().where('contract_id', '=', contractId).execute();
    const budget = budgetOf(contract, milestones);
    if (budget.state === contract.budget_state) return;
    await trx.updateTable('ot_contracts').set({ budget_state: budget.state, updated_at: this.deps.clock.now() }).where('id', '=', contractId).execute();
    await emit(trx, this.deps.clock, contract.organization_id, 'contract.budget_state_changed', {
      contractId,
      jobId: contract.job_id,
      previousState: contract.budget_state,
      state: budget.state,
      paymentType: contract.payment_type,
      fundedVolume: budget.fundedVolume,
      consumedVolume: budget.consumedVolume,
      remainingVolume: budget.remainingVolume,
      consumedFraction: budget.consumedFraction,
    });
  }
}

export const contractEnded = (contractId: string) =>
  conflict(`Contract ${contractId} has ended.`, {
    reason: 'contract_ended',
    contractId,
  });
