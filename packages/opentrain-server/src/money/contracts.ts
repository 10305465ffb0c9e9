/**
 * @module The agent-facing money workflow: hire requests, contract reads, milestone creation,
 * funding / approval / end requests, pending payments. Money never moves here: every
 * money-moving request becomes a pending approval a human confirms (settlement.ts).
 */
import { badRequest, conflict, newId, notFound, usdText } from '@platform/kit';
import { cappedAmountForVolumeCents, centsToUsd, chargeFor, parseUsdCents, parseVolume } from './amounts';
import { contractEnded } from './escrow';
import { parseDueDate, requestHire, requirePaymentMethod } from './hire-requests';
import { type ApprovalTerms, asMoney, type MoneyTrx } from './schema';
import type { Caller, ContractsDeps, HireInput } from './contracts-deps';
import { type ApprovalJson, type ApprovalRow, approvalPath, approvalView, budgetOf, type ContractJson, type ContractRow, contractView, emit, milestoneView, num } from './views';

export type { Caller, ContractsDeps, HireInput } from './contracts-deps';

export interface MilestoneInput {
  description: string;
  name?: string;
  amountUsd?: unknown;
  volume?: number;
  dueDate?: string;
}


export class ContractsService {
  constructor(private readonly deps: ContractsDeps) {}

  get billingUrl(): string {
    return `${this.deps.publicUrl()}/billing`;
  }

  approvalJson(row: ApprovalRow): ApprovalJson {
    return approvalView(row, this.deps.publicUrl());
  }

  /** POST /proposals/{id}/hire → a pending proposal_hire approval (202). */
  requestHire(caller: Caller, proposalId: string, input: HireInput) {
    return requestHire(this.deps, caller, proposalId, input);
  }

  async list(organizationId: string, filter: { jobId?: string; status?: string }): Promise<ContractJson[]> {
    if (filter.status !== undefined && filter.status !== 'active' && filter.status !== 'ended')
      throw badRequest('status must be active or ended.', {
        field: 'status',
        supportedStatuses: ['active', 'ended'],
      });
    if (filter.jobId) {
      const job = await this.deps.marketplace.job(filter.jobId);
      if (job && job.organizationId !== organizationId) throw foreignJob(filter.jobId);
      if (!job) {
        const ours = await asMoney(this.deps.db).selectFrom('ot_contracts').select('id').where('job_id', '=', filter.jobId).where('organization_id', '=', organizationId).executeTakeFirst();
        if (!ours)
          throw notFound(`No job ${filter.jobId}.`, {
            resource: 'jobs',
            jobId: filter.jobId,
          });
      }
    }
    let q = asMoney(this.deps.db).selectFrom('ot_contracts').selectAll().where('organization_id', '=', organizationId);
    if (filter.jobId) q = q.where('job_id', '=', filter.jobId);
    if (filter.status) q = q.where('status', '=', filter.status as 'active' | 'ended');
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
    return Promise.all(rows.map((r) => this.contractJson(r)));
  }

  async get(organizationId: string, contractId: string) {
    const row = await this.findContract(organizationId, contractId);
    const milestones = await asMoney(this.deps.db).selectFrom('ot_milestones').selectAll().where('contract_id', '=', row.id).orderBy('milestone_number').execute();
    return {
      ...(await this.contractJson(row)),
      jobDmConversationId: row.job_dm_conversation_id,
      budget: budgetOf(row, milestones),
    };
  }

  /** POST /contracts/{id}/milestones: a NOT_FUNDED milestone (executes directly; no money moves). */
  async createMilestone(organizationId: string, contractId: string, input: MilestoneInput) {
    // Its length and presence are the contract's rule (milestoneDescription), checked before this runs.
    const { description } = input;
    const dueDate = parseDueDate(input.dueDate, 'dueDate');
    const amountGiven = input.amountUsd !== undefined && input.amountUsd !== null;
    const amountCents = amountGiven ? parseUsdCents(input.amountUsd, 'amountUsd') : null;
    const volume = input.volume !== undefined && input.volume !== null ? parseVolume(input.volume) : null;
    return asMoney(this.deps.db)
      .transaction()
      .execute(async (trx) => {
        const contract = await this.lockContract(trx, organizationId, contractId);
        if (contract.status === 'ended') throw contractEnded(contract.id);
        let amount: number;
        if (contract.payment_type === 'FIXED_PRICE') {
          if (amountCents === null) throw badRequest('amountUsd is required for fixed-price contracts.', { field: 'amountUsd' });
          amount = amountCents;
        } else {
          if (contract.rate_e4 === null) throw conflict('This contract has no hourly / per-label rate, so a volume cannot be priced.', { reason: 'contract_rate_missing', contractId });
          if (volume === null) throw badRequest('volume is required for hourly and per-label contracts.', { field: 'volume' });
          const priced = cappedAmountForVolumeCents(num(contract.rate_e4), volume);
          if (amountCents !== null && amountCents !== priced) throw badRequest(`amountUsd must equal rate x volume (${usdText(priced)}).`, { field: 'amountUsd', expectedAmountUsd: centsToUsd(priced) });
          if (priced <= 0)
            throw badRequest('volume is too small to price.', {
              field: 'volume',
            });
          amount = priced;
        }
        const last = await trx
          .selectFrom('ot_milestones')
          .select((eb) => eb.fn.max('milestone_number').as('n'))
          .where('contract_id', '=', contract.id)
          .executeTakeFirst();
        const now = this.deps.clock.now();
        const row = await trx
          .insertInto('ot_milestones')
          .values({
            id: newId('ms', now),
            contract_id: contract.id,
            organization_id: organizationId,
            milestone_number: Number(last?.n ?? 0) + 1,
            name: input.name?.trim() || null,
            description,
            amount_cents: amount,
            volume,
            due_date: dueDate,
            status: 'NOT_FUNDED',
            escrow_hold_id: null,
            fee_hold_id: null,
            fee_cents: 0,
            invoice_id: null,
            funded_at: null,
            paid_at: null,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.updateTable('ot_contracts').set({ updated_at: now }).where('id', '=', contract.id).execute();
        await emit(trx, this.deps.clock, organizationId, 'milestone.status_changed', {
          milestoneId: row.id,
          contractId: contract.id,
          status: 'NOT_FUNDED',
          jobId: contract.job_id,
        });
        return milestoneView(row, new Set());
      });
  }

  /** POST /milestones/{id}/fund → pending milestone_fund approval; the invoice becomes a pending payment. */
  async requestFunding(caller: Caller, milestoneId: string) {
    const { contract, milestone } = await this.findMilestone(caller.organizationId, milestoneId);
    if (contract.status === 'ended') throw contractEnded(contract.id);
    if (milestone.status !== 'NOT_FUNDED')
      throw conflict(`Milestone ${milestone.id} is ${milestone.status}; only NOT_FUNDED milestones can be funded.`, {
        reason: 'milestone_not_fundable',
        milestoneId,
        status: milestone.status,
      });
    const amountCents = num(milestone.amount_cents);
    await requirePaymentMethod(this.deps, caller.organizationId, chargeFor(amountCents, { hire: false }).totalCents);
    const invoiceId = await this.ensureInvoice(contract, milestone.id, amountCents);
    const terms: ApprovalTerms = {
      milestone: {
        name: milestone.name,
        description: milestone.description,
        amountCents,
        dueDate: milestone.due_date,
      },
    };
    const { row, created } = await this.deps.store.request({
      organizationId: caller.organizationId,
      type: 'milestone_fund',
      contractId: contract.id,
      milestoneId,
      jobId: contract.job_id,
      terms,
      tokenId: caller.tokenId,
    });
    if (created)
      await emit(this.deps.db, this.deps.clock, caller.organizationId, 'payment.pending', {
        invoiceId,
        milestoneId,
        contractId: contract.id,
        jobId: contract.job_id,
      });
    const approval = this.approvalJson(row);
    return {
      approval,
      message: `A human must confirm funding ${usdText(chargeFor(amountCents, { hire: false }).totalCents)} (milestone + 10% fee) at ${approval.approvalUrl}.`,
    };
  }

  /** POST /milestones/{id}/approve → pending milestone_approve approval (release escrow to the trainer). */
  async requestApproval(caller: Caller, milestoneId: string) {
    const { contract, milestone } = await this.findMilestone(caller.organizationId, milestoneId);
    if (contract.status === 'ended') throw contractEnded(contract.id);
    if (milestone.status !== 'ACTIVE_FUNDED')
      throw conflict(`Milestone ${milestone.id} is ${milestone.status}; only ACTIVE_FUNDED milestones can be approved.`, {
        reason: 'milestone_not_funded',
        milestoneId,
        status: milestone.status,
      });
    const amountCents = num(milestone.amount_cents);
    const terms: ApprovalTerms = {
      milestone: {
        name: milestone.name,
        description: milestone.description,
        amountCents,
        dueDate: milestone.due_date,
      },
    };
    const { row, created } = await this.deps.store.request({
      organizationId: caller.organizationId,
      type: 'milestone_approve',
      contractId: contract.id,
      milestoneId,
      jobId: contract.job_id,
      terms,
      tokenId: caller.tokenId,
    });
    if (created)
      await emit(this.deps.db, this.deps.clock, caller.organizationId, 'payment.pending', {
        invoiceId: milestone.invoice_id,
        milestoneId,
        contractId: contract.id,
        jobId: contract.job_id,
      });
    const approval = this.approvalJson(row);
    return {
      approval,
      message: `A human must approve releasing ${usdText(amountCents)} to the AI trainer at ${approval.approvalUrl}.`,
    };
  }

  /** POST /contracts/{id}/end: direct when nothing is funded, else a pending contract_end approval. */
  async end(caller: Caller, contractId: string): Promise<{ direct: true; contractId: string } | { direct: false; approval: ApprovalJson; message: string }> {
    const direct = await asMoney(this.deps.db)
      .transaction()
      .execute(async (trx) => {
        const contract = await this.lockContract(trx, caller.organizationId, contractId);
        if (contract.status === 'ended') throw contractEnded(contract.id);
        const funded = await trx.selectFrom('ot_milestones').select('id').where('contract_id', '=', contract.id).where('status', '=', 'ACTIVE_FUNDED').execute();
        if (funded.length > 0) return { contract, ended: false };
        await this.deps.settlement.endContractIn(trx, contract, null);
        return { contract, ended: true };
      });
    if (direct.ended) return { direct: true, contractId };
    const { row } = await this.deps.store.request({
      organizationId: caller.organizationId,
      type: 'contract_end',
      contractId,
      jobId: direct.contract.job_id,
      terms: { milestone: null },
      tokenId: caller.tokenId,
    });
    const approval = this.approvalJson(row);
    return {
      direct: false,
      approval,
      message: `This contract has funded work: a human must confirm ending it at ${approval.approvalUrl}; the remaining escrow then returns to the account's credits.`,
    };
  }

  /** GET /payments/pending: invoices waiting on a pending fund (PENDING_FUNDING) or approve (PENDING_PAYOUT) approval. */
  async pendingPayments(organizationId: string) {
    const now = this.deps.clock.now();
    const rows = await asMoney(this.deps.db)
      .selectFrom('ot_approvals as a')
      .innerJoin('ot_milestones as m', 'm.id', 'a.milestone_id')
      .innerJoin('ot_invoices as i', 'i.milestone_id', 'm.id')
      .innerJoin('ot_contracts as c', 'c.id', 'm.contract_id')
      .select(['a.id as approval_id', 'a.type', 'a.created_at', 'm.id as milestone_id', 'm.name as milestone_name', 'm.amount_cents', 'i.id as invoice_id', 'i.number', 'c.job_id', 'c.title'])
      .where('a.organization_id', '=', organizationId)
      .where('a.status', '=', 'pending')
      .where('a.expires_at', '>', now)
      .where('a.type', 'in', ['milestone_fund', 'milestone_approve'])
      .orderBy('a.created_at', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.invoice_id,
      status: r.type === 'milestone_fund' ? ('PENDING_FUNDING' as const) : ('PENDING_PAYOUT' as const),
      invoiceKind: 'FUNDING' as const,
      viewerRole: 'EMPLOYER' as const,
      amountUsd: centsToUsd(num(r.amount_cents)),
      createdAt: new Date(r.created_at).toISOString(),
      invoiceNumber: `INV-${String(r.number).padStart(6, '0')}`,
      job: { id: r.job_id, title: r.title },
      milestone: { id: r.milestone_id, name: r.milestone_name },
      approvalId: r.approval_id,
      approvalUrl: `${this.deps.publicUrl()}${approvalPath(r.approval_id)}`,
    }));
  }

  private async ensureInvoice(contract: ContractRow, milestoneId: string, amountCents: number): Promise<string> {
    return asMoney(this.deps.db)
      .transaction()
      .execute(async (trx) => {
        // Contract before milestone, like every other writer (lock order = no deadlocks).
        await this.lockContract(trx, contract.organization_id, contract.id);
        const m = await trx.selectFrom('ot_milestones').select(['invoice_id']).where('id', '=', milestoneId).forNoKeyUpdate().executeTakeFirstOrThrow();
        if (m.invoice_id) return m.invoice_id;
        const now = this.deps.clock.now();
        const id = newId('inv', now);
        await trx
          .insertInto('ot_invoices')
          .values({
            id,
            organization_id: contract.organization_id,
            contract_id: contract.id,
            milestone_id: milestoneId,
            job_id: contract.job_id,
            status: 'OPEN',
            amount_cents: amountCents,
            fee_cents: 0,
            initiation_fee_cents: 0,
            payment_source: null,
            payment_intent_id: null,
            payout_transaction_id: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await trx.updateTable('ot_milestones').set({ invoice_id: id }).where('id', '=', milestoneId).execute();
        return id;
      });
  }

  private async contractJson(row: ContractRow): Promise<ContractJson> {
    const milestones = await asMoney(this.deps.db).selectFrom('ot_milestones').selectAll().where('contract_id', '=', row.id).orderBy('milestone_number').execute();
    const pending = await this.deps.store.pendingByMilestone(milestones.map((m) => m.id));
    const displayName = await this.deps.marketplace.maskedName(row.freelancer_user_id);
    return contractView(
      row,
      milestones.map((m) => milestoneView(m, pending.get(m.id) ?? new Set())),
      {
        userId: row.freelancer_user_id,
        displayName,
        country: null,
        profilePath: null,
      },
    );
  }

  private async findContract(organizationId: string, contractId: string): Promise<ContractRow> {
    const row = await asMoney(this.deps.db).selectFrom('ot_contracts').selectAll().where('id', '=', contractId).where('organization_id', '=', organizationId).executeTakeFirst();
    if (!row)
      throw notFound(`No contract ${contractId}.`, {
        resource: 'contracts',
        contractId,
      });
    return row;
  }

  private async lockContract(trx: MoneyTrx, organizationId: string, contractId: string): Promise<ContractRow> {
    const row = await trx.selectFrom('ot_contracts').selectAll().where('id', '=', contractId).where('organization_id', '=', organizationId).forNoKeyUpdate().executeTakeFirst();
    if (!row)
      throw notFound(`No contract ${contractId}.`, {
        resource: 'contracts',
        contractId,
      });
    return row;
  }

  private async findMilestone(organizationId: string, milestoneId: string) {
    const milestone = await asMoney(this.deps.db).selectFrom('ot_milestones').selectAll().where('id', '=', milestoneId).where('organization_id', '=', organizationId).executeTakeFirst();
    if (!milestone)
      throw notFound(`No milestone ${milestoneId}.`, {
        resource: 'milestones',
        milestoneId,
      });
    return {
      milestone,
      contract: await this.findContract(organizationId, milestone.contract_id),
    };
  }
}

// Another account's job reads exactly like a missing one: a 403 would confirm the id exists.
const foreignJob = (jobId: string) =>
  notFound(`No job ${jobId}.`, {
    resource: 'jobs',
    jobId,
  });
