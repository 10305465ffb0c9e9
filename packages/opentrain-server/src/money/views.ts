/**
 * @module Rows → the Public API's JSON (spec 3.6): approvals, milestones, contracts and the
 * contract budget (LOW at ≥ 80% consumed, DEPLETED at ≥ 100%; fixed price always OK).
 */
import type { moneySchemas } from '@opentrain/api';
import type { z } from '@platform/kit';
import { type Clock, type Executor, emitEvent, isoOrNull as iso } from '@platform/kit';
import type { Selectable } from 'kysely';
import { centsToUsd, chargeFor, e4ToUsd } from './amounts';
import type { ApprovalTerms, BudgetState, MoneyTables } from './schema';

export type ApprovalRow = Selectable<MoneyTables['ot_approvals']>;
export type ContractRow = Selectable<MoneyTables['ot_contracts']>;
export type MilestoneRow = Selectable<MoneyTables['ot_milestones']>;
export type ApprovalJson = z.infer<typeof moneySchemas.approvalSchema>;
export type MilestoneJson = z.infer<typeof moneySchemas.milestoneSchema>;
export type ContractJson = z.infer<typeof moneySchemas.contractSchema>;
export type BudgetJson = z.infer<typeof moneySchemas.budgetSchema>;

export const num = (v: string | number) => Number(v);

/** jsonb comes back parsed from both drivers; tolerate a string just in case. */
export function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export const approvalPath = (id: string) => `/approvals/${encodeURIComponent(id)}`;

export function approvalView(row: ApprovalRow, publicUrl: string): ApprovalJson {
  const terms = parseJson<ApprovalTerms>(row.terms);
  const ms = terms.milestone;
  const charge = ms && (row.type === 'proposal_hire' || row.type === 'milestone_fund') ? chargeFor(ms.amountCents, { hire: row.type === 'proposal_hire' }) : null;
  return {
    id: row.id,
    type: row.type,
    status: row.status,
    contractId: row.contract_id,
    milestoneId: row.milestone_id,
    jobId: row.job_id,
    proposalId: row.proposal_id,
    approvalUrl: `${publicUrl}${approvalPath(row.id)}`,
    expiresAt: iso(row.expires_at) as string,
    resolvedAt: iso(row.resolved_at),
    result: row.result === null ? null : parseJson<Record<string, unknown>>(row.result),
    createdAt: iso(row.created_at) as string,
    terms: {
      milestone: ms
        ? {
            name: ms.name,
            description: ms.description,
            amountUsd: centsToUsd(ms.amountCents),
            dueDate: ms.dueDate,
          }
        : null,
      amounts: charge
        ? {
            milestoneUsd: centsToUsd(charge.milestoneCents),
            marketplaceFeeUsd: centsToUsd(charge.marketplaceFeeCents),
            contractInitiationFeeUsd: centsToUsd(charge.initiationFeeCents),
            totalUsd: centsToUsd(charge.totalCents),
          }
        : null,
    },
    supersededBy: row.superseded_by,
  };
}

export function milestoneView(row: MilestoneRow, pendingTypes: ReadonlySet<string>): MilestoneJson {
  return {
    id: row.id,
    contractId: row.contract_id,
    name: row.name,
    description: row.description,
    status: row.status,
    amountUsd: centsToUsd(num(row.amount_cents)),
    volume: row.volume === null ? null : Number(row.volume),
    milestoneNumber: row.milestone_number,
    dueDate: row.due_date,
    pendingApproval: pendingTypes.size > 0,
    // Work the employer should review: funded, and the agent asked for its approval.
    needsReview: row.status === 'ACTIVE_FUNDED' && pendingTypes.has('milestone_approve'),
    invoiceId: row.invoice_id,
    createdAt: iso(row.created_at) as string,
  };
}

export function contractView(row: ContractRow, milestones: MilestoneJson[], freelancer: ContractJson['freelancer']): ContractJson {
  const visible = milestones.filter((m) => m.status !== 'CANCELLED' && m.status !== 'REFUNDED');
  const rate = row.rate_e4 === null ? null : e4ToUsd(num(row.rate_e4));
  const estimatedVolume = row.estimated_volume === null ? null : Number(row.estimated_volume);
  return {
    id: row.id,
    status: row.status,
    title: row.title,
    jobId: row.job_id,
    proposalId: row.proposal_id,
    paymentType: row.payment_type,
    rateUsd: rate,
    estimatedTotalUsd: rate !== null && estimatedVolume !== null ? Math.round(rate * estimatedVolume * 100) / 100 : visible.reduce((sum, m) => Math.round((sum + m.amountUsd) * 100) / 100, 0),
    estimatedVolume,
    hasActiveMilestone: milestones.some((m) => m.status === 'ACTIVE_FUNDED'),
    startDate: iso(row.started_at) as string,
    endDate: iso(row.ended_at),
    createdAt: iso(row.created_at) as string,
    updatedAt: iso(row.updated_at) as string,
    freelancer,
    milestones: visible,
  };
}

/**
 * [I] No usage metering exists yet, so "consumed" is the volume of approved (PAID) milestones and
 * "funded" the volume of funded ones (ACTIVE_FUNDED + PAID); see docs/money.md.
 */
export function budgetOf(row: ContractRow, milestones: MilestoneRow[]): BudgetJson {
  const funded = milestones.filter((m) => m.status === 'ACTIVE_FUNDED' || m.status === 'PAID');
  const paid = milestones.filter((m) => m.status === 'PAID');
  const fixed = row.payment_type === 'FIXED_PRICE';
  const volumeOf = (m: MilestoneRow) => (fixed ? num(m.amount_cents) / 100 : m.volume === null ? 0 : Number(m.volume));
  const fundedVolume = round2(funded.reduce((s, m) => s + volumeOf(m), 0));
  const consumedVolume = round2(paid.reduce((s, m) => s + volumeOf(m), 0));
  const fraction = fundedVolume > 0 ? Math.round((consumedVolume / fundedVolume) * 10_000) / 10_000 : 0;
  const state: BudgetState = fixed ? 'OK' : fraction >= 1 ? 'DEPLETED' : fraction >= 0.8 ? 'LOW' : 'OK';
  const active = milestones.find((m) => m.status === 'ACTIVE_FUNDED') ?? null;
  const hourly = row.payment_type === 'PAY_PER_HOUR';
  const lastPaid = paid.map((m) => m.paid_at).filter((d): d is Date => d !== null);
  return {
    contractId: row.id,
    paymentType: row.payment_type,
    state,
    fundedVolume,
    fundedAmountUsd: centsToUsd(funded.reduce((s, m) => s + num(m.amount_cents), 0)),
    consumed: {
      seconds: hourly ? Math.round(consumedVolume * 3600) : 0,
      hours: hourly ? consumedVolume : 0,
      labels: row.payment_type === 'PAY_PER_LABEL' ? consumedVolume : 0,
      tasks: 0,
    },
    consumedVolume,
    remainingVolume: round2(Math.max(0, fundedVolume - consumedVolume)),
    consumedFraction: fraction,
    activeMilestone: active
      ? {
          id: active.id,
          name: active.name,
          amountUsd: centsToUsd(num(active.amount_cents)),
          volume: active.volume === null ? null : Number(active.volume),
          status: active.status,
        }
      : null,
    lastUsageAt: lastPaid.length ? new Date(Math.max(...lastPaid.map((d) => new Date(d).getTime()))).toISOString() : null,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Emits an Event (spec 3.8) in the caller's transaction, scoped to the account. */
export async function emit(exec: Executor, clock: Clock, organizationId: string, type: string, data: Record<string, unknown>): Promise<void> {
  await emitEvent(exec, { type, scope: organizationId, payload: data }, clock);
}
