/**
 * @module Hire requests (POST /proposals/{id}/hire) and the payment precondition shared with
 * milestone funding: a card on file or available credits covering the total, else 409
 * `payment_method_required` with the billing page's URL.
 */
import { badRequest, conflict, usdText } from '@platform/kit';
import { billingUrlFor } from '../platform/next-steps';
import { chargeFor, contractRateE4, parseUsdCents } from './amounts';
import type { Caller, ContractsDeps, HireInput } from './contracts-deps';
import { normalizeStatus } from './marketplace';
import { type ApprovalTerms, asMoney } from './schema';
import { type ApprovalJson, approvalView } from './views';

const CLOSED_JOB_STATUSES = new Set(['ARCHIVED', 'COMPLETED', 'CLOSED']);
const NOT_HIREABLE = new Set(['DECLINED', 'WITHDRAWN']);

/** POST /proposals/{id}/hire → a pending proposal_hire approval (202); preconditions in docs/money.md. */
export async function requestHire(deps: ContractsDeps, caller: Caller, proposalId: string, input: HireInput): Promise<{ approval: ApprovalJson; message: string; created: boolean }> {
  const name = input.milestone.name?.trim() || null;
  const description = input.milestone.description?.trim() || null;
  if (!name && !description)
    throw badRequest('milestone.name or milestone.description is required.', {
      field: 'milestone.name',
    });
  const amountCents = parseUsdCents(input.milestone.amount, 'milestone.amount');
  const dueDate = parseDueDate(input.milestone.dueDate, 'milestone.dueDate');
  const proposal = await deps.marketplace.proposal(proposalId, caller.organizationId);
  const status = normalizeStatus(proposal.status);
  const existing = await asMoney(deps.db).selectFrom('ot_contracts').select('id').where('proposal_id', '=', proposal.id).executeTakeFirst();
  if (existing || proposal.contractId || status === 'HIRED') {
    throw conflict('This candidate is already hired.', {
      reason: 'already_hired',
      proposalId,
      contractId: existing?.id ?? proposal.contractId ?? null,
    });
  }
  if (status === 'NOT_A_FIT' && input.confirmNotAFit !== true) {
    throw conflict('This proposal was marked Not a fit; send confirmNotAFit: true to hire anyway.', {
      reason: 'proposal_marked_not_a_fit',
      proposalId,
      field: 'confirmNotAFit',
    });
  }
  if (NOT_HIREABLE.has(status)) throw conflict(`This proposal is ${status.toLowerCase()} and cannot be hired.`, { reason: 'proposal_not_hireable', proposalId, status });
  const job = await deps.marketplace.job(proposal.jobId);
  if (job && CLOSED_JOB_STATUSES.has(job.status.toUpperCase()))
    throw conflict(`Job ${job.id} is ${job.status}; reopen it before hiring.`, { reason: 'job_closed', jobId: job.id, status: job.status });
  contractRateE4(String(job?.fields.paymentType ?? 'FIXED_PRICE'), job?.fields, proposal.bidAmountUsd);
  await requirePaymentMethod(deps, caller.organizationId, chargeFor(amountCents, { hire: true }).totalCents);
  const terms: ApprovalTerms = {
    milestone: { name, description, amountCents, dueDate },
    ...(input.confirmNotAFit ? { confirmNotAFit: true } : {}),
  };
  const { row, created } = await deps.store.request({
    organizationId: caller.organizationId,
    type: 'proposal_hire',
    proposalId: proposal.id,
    jobId: proposal.jobId,
    terms,
    tokenId: caller.tokenId,
  });
  const approval = approvalView(row, deps.publicUrl());
  return {
    approval,
    created,
    message: `A human must confirm this hire at ${approval.approvalUrl} (total ${usdText(chargeFor(amountCents, { hire: true }).totalCents)} incl. 10% marketplace fee and $9.95 contract initiation fee). Nothing is charged until then.`,
  };
}

/** Hire and funding need a card on file or credits that cover the total (409 payment_method_required). */
/** The billing page with the top-up amount prefilled (`?amount=` in dollars). */
export async function requirePaymentMethod(deps: ContractsDeps, organizationId: string, totalCents: number): Promise<void> {
  if (await deps.paymentMethods.hasPaymentMethod(organizationId)) return;
  const balance = await deps.credits.getBalance(organizationId);
  if (balance.availableCents >= totalCents) return;
  const shortfallCents = totalCents - balance.availableCents;
  throw conflict(`Add a payment method or top up credits first: ${usdText(totalCents)} is needed and ${usdText(balance.availableCents)} of credits is available.`, {
    reason: 'payment_method_required',
    billingUrl: billingUrlFor(deps.publicUrl(), shortfallCents),
    shortfallCents,
    requiredCents: totalCents,
    availableCents: balance.availableCents,
  });
}

export function parseDueDate(value: string | undefined, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  const match = /^(\d{4}-\d{2}-\d{2})(T.*)?$/.exec(String(value).trim());
  if (!match || Number.isNaN(new Date(match[2] ? value : `${match[1]}T00:00:00Z`).getTime())) throw badRequest(`${field} must be a date (YYYY-MM-DD).`, { field });
  return match[1];
}
