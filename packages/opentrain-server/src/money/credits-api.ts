/**
 * @module The credits half of the Public API (spec 3.7) over the credit ledger and top-ups: the
 * account is the organization (members read the owner's account); ledger entries are linked back
 * to the contract / milestone / top-up they belong to through their `reference`.
 */
import type { Executor } from '@platform/kit';
import type { CreditsService, LedgerEntry } from '../credits/index';
import { parseAmountUsd, publicTopUp, type TopUpsService } from '../payments/index';
import { asMoney } from './schema';

export interface LedgerEntryJson {
  id: string;
  type: LedgerEntry['type'];
  amountCents: number;
  createdAt: string;
  holdEntryId: string | null;
  jobofferId: string | null;
  contractId: string | null;
  milestoneId: string | null;
  topUpId: string | null;
  note: string | null;
}

export class CreditsApi {
  constructor(
    private readonly db: Executor,
    private readonly credits: CreditsService,
    private readonly topUps: TopUpsService,
  ) {}

  async summary(accountId: string) {
    const balance = await this.credits.getBalance(accountId);
    const recent = await this.credits.recentEntries(accountId, 10);
    return {
      credits: {
        ...balance,
        currency: 'usd' as const,
        recentEntries: await this.link(recent),
      },
    };
  }

  async ledger(accountId: string, options: { cursor?: string; limit?: number }) {
    const page = await this.credits.listEntries(accountId, options);
    return {
      entries: await this.link(page.entries),
      nextCursor: page.nextCursor,
    };
  }

  async createTopUp(accountId: string, input: { amountUsd?: unknown; amount?: unknown }) {
    const cents = parseAmountUsd(input.amountUsd ?? input.amount, 'amountUsd');
    const topUp = await this.topUps.createTopUp(accountId, cents);
    return {
      topUpId: topUp.id,
      checkoutUrl: topUp.checkoutUrl as string,
      expiresAt: topUp.expiresAt.toISOString(),
      topUp: publicTopUp(topUp),
      message: `Ask the account owner to pay at the checkout URL before ${topUp.expiresAt.toISOString()}; the credits appear once the payment is confirmed.${topUp.sandbox ? ' (Sandbox: no real money moves.)' : ''}`,
    };
  }

  async getTopUp(accountId: string, topUpId: string) {
    return {
      topUp: publicTopUp(await this.topUps.getTopUp(topUpId, { accountId })),
    };
  }

  /** Entries → the Public API shape, resolving references (milestone → its contract, approval → its targets). */
  private async link(entries: LedgerEntry[]): Promise<LedgerEntryJson[]> {
    const refs = [...new Set(entries.map((e) => e.reference).filter((r): r is string => !!r))];
    const db = asMoney(this.db);
    const milestones = refs.length ? await db.selectFrom('ot_milestones').select(['id', 'contract_id']).where('id', 'in', refs).execute() : [];
    const contracts = refs.length ? await db.selectFrom('ot_contracts').select(['id']).where('id', 'in', refs).execute() : [];
    const approvals = refs.length ? await db.selectFrom('ot_approvals').select(['id', 'contract_id', 'milestone_id']).where('id', 'in', refs).execute() : [];
    const topUps = refs.length ? await db.selectFrom('credit_top_ups').select(['id']).where('id', 'in', refs).execute() : [];
    const milestoneContract = new Map(milestones.map((m) => [m.id, m.contract_id]));
    const contractIds = new Set(contracts.map((c) => c.id));
    const approvalTargets = new Map(approvals.map((a) => [a.id, a]));
    const topUpIds = new Set(topUps.map((t) => t.id));
    return entries.map((e) => {
      const ref = e.reference;
      const approval = ref ? approvalTargets.get(ref) : undefined;
      const milestoneId = ref && milestoneContract.has(ref) ? ref : (approval?.milestone_id ?? null);
      const contractId = ref && contractIds.has(ref) ? ref : milestoneId ? (milestoneContract.get(milestoneId) ?? approval?.contract_id ?? null) : (approval?.contract_id ?? null);
      return {
        id: e.id,
        type: e.type,
        amountCents: e.amountCents,
        createdAt: e.createdAt.toISOString(),
        holdEntryId: e.type === 'HOLD' ? null : e.holdEntryId,
        jobofferId: contractId,
        contractId,
        milestoneId,
        topUpId: ref && topUpIds.has(ref) ? ref : null,
        note: e.memo,
      };
    });
  }
}
