/**
 * @module Builds the money services over one database and the module's ports: approvals,
 * settlement, contracts and the credits API, plus the small queries the human pages need.
 */
import type { Clock, Executor } from '@platform/kit';
import { ApprovalStore } from './approvals';
import { ContractsService } from './contracts';
import { CreditsApi } from './credits-api';
import { Marketplace } from './marketplace';
import type { MoneyPorts } from './ports';
import { asMoney } from './schema';
import { Settlement } from './settlement';
import { type ApprovalRow, type ContractRow, num } from './views';

export interface MoneyServiceOptions {
  db: Executor;
  clock: Clock;
  publicUrl(): string;
}

export function buildMoneyServices(options: MoneyServiceOptions, ports: MoneyPorts) {
  const { db, clock, publicUrl } = options;
  const { credits, payments } = ports;
  const marketplace = new Marketplace(ports);
  const approvals = new ApprovalStore(db, clock);
  const billingUrl = () => `${publicUrl()}/billing`;
  const settlement = new Settlement({
    db,
    clock,
    credits,
    paymentMethods: payments.paymentMethods,
    cardPayments: payments.cardPayments,
    marketplace,
    store: approvals,
    billingUrl,
  });
  const contracts = new ContractsService({
    db,
    clock,
    credits,
    paymentMethods: payments.paymentMethods,
    marketplace,
    store: approvals,
    settlement,
    publicUrl,
  });
  const creditsApi = new CreditsApi(db, credits, payments.topUps);

  return {
    credits,
    payments,
    marketplace,
    approvals,
    settlement,
    contracts,
    creditsApi,
    billingUrl,

    /** The owner, or a team member the team domain allows. */
    async canAct(organizationId: string, userId: string): Promise<boolean> {
      if ((await ports.organizations.get(organizationId))?.owner_user_id === userId) return true;
      return marketplace.teamMemberCanAct(organizationId, userId);
    },

    async contractRow(contractId: string): Promise<ContractRow | undefined> {
      return asMoney(db).selectFrom('ot_contracts').selectAll().where('id', '=', contractId).executeTakeFirst();
    },

    /** What the approval page shows besides the terms: the trainer (masked), the job, what is funded. */
    async approvalContext(row: ApprovalRow) {
      const contract = row.contract_id ? await this.contractRow(row.contract_id) : undefined;
      let freelancerUserId = contract?.freelancer_user_id ?? null;
      let jobTitle = contract?.title ?? null;
      if (!freelancerUserId && row.proposal_id) {
        const proposal = await marketplace.findProposal(row.proposal_id, row.organization_id);
        freelancerUserId = proposal?.freelancerUserId ?? null;
        jobTitle = proposal ? ((await marketplace.job(proposal.jobId))?.title ?? null) : null;
      }
      const funded = contract ? await asMoney(db).selectFrom('ot_milestones').select('amount_cents').where('contract_id', '=', contract.id).where('status', '=', 'ACTIVE_FUNDED').execute() : [];
      return {
        freelancerName: freelancerUserId ? await marketplace.maskedName(freelancerUserId) : 'AI trainer',
        jobTitle,
        contractId: contract?.id ?? null,
        fundedCents: funded.reduce((s, m) => s + num(m.amount_cents), 0),
      };
    },
  };
}

export type MoneyServiceSet = ReturnType<typeof buildMoneyServices>;
