/**
 * @module Builds the money services over one database: the credit ledger, payments (adapter from
 * env: Stripe when STRIPE_SECRET_KEY + STRIPE_WEBHOOK_SECRET are set, else the sandbox), approvals,
 * settlement, contracts and the credits API, plus the small queries the human pages need.
 */
import { type Clock, type Executor, type Logger, loadConfig } from '@platform/kit';
import { CreditsService } from '../credits/index';
import { createPayments, type PaymentAdapter, type PaymentsConfig, paymentsConfigSchema } from '../payments/index';
import { ApprovalStore } from './approvals';
import { ContractsService } from './contracts';
import { CreditsApi } from './credits-api';
import { Marketplace, type MarketplaceDeps } from './marketplace';
import { asMoney } from './schema';
import { Settlement } from './settlement';
import { type ApprovalRow, type ContractRow, num } from './views';

export interface MoneyServiceOptions {
  db: Executor;
  clock: Clock;
  logger?: Logger;
  publicUrl(): string;
  /** `money.payments`: payment config overrides (wins over the environment); `money.paymentAdapter`: a ready adapter. */
  settings?: Record<string, unknown>;
  marketplace: MarketplaceDeps;
  /** The account owner of an organization (always allowed to act on its approvals). */
  ownerOf(organizationId: string): Promise<string | null>;
}

export function buildMoneyServices(options: MoneyServiceOptions) {
  const { db, clock, publicUrl } = options;
  const settings = options.settings ?? {};
  const config: PaymentsConfig = {
    ...loadConfig(paymentsConfigSchema),
    ...((settings['money.payments'] as Partial<PaymentsConfig>) ?? {}),
  };
  const credits = new CreditsService(db, clock);
  const payments = createPayments({
    db,
    clock,
    credits,
    publicUrl,
    config,
    adapter: settings['money.paymentAdapter'] as PaymentAdapter | undefined,
  });
  const marketplace = new Marketplace(options.marketplace);
  const approvals = new ApprovalStore(db, clock);
  const billingUrl = () => `${publicUrl()}/billing`;
  const settlement = new Settlement({
    db,
    clock,
    credits,
    paymentMethods: payments.paymentMethods,
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
      if ((await options.ownerOf(organizationId)) === userId) return true;
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
        const proposal = await marketplace.proposal(row.proposal_id, row.organization_id).catch(() => null);
        freelancerUserId = proposal?.freelancerUserId ?? null;
        jobTitle = proposal ? ((await marketplace.job(proposal.jobId).catch(() => null))?.title ?? null) : null;
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

export type MoneyServices = ReturnType<typeof buildMoneyServices>;
