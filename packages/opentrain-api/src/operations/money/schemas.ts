/**
 * @module Shapes shared by the money operations (spec 3.6, 3.7): approvals, contracts, milestones,
 * budgets, ledger entries, top-ups and pending payments. Amounts in USD are numbers with at most
 * two decimals; `*Cents` fields are integers.
 */
import { z } from '@platform/kit';

export const APPROVAL_TYPES = ['proposal_hire', 'milestone_fund', 'milestone_approve', 'contract_end'] as const;
export const APPROVAL_STATUSES = ['pending', 'confirmed', 'declined', 'expired'] as const;
export const MILESTONE_STATUSES = ['NOT_FUNDED', 'ACTIVE_FUNDED', 'PAID', 'CANCELLED', 'REFUNDED'] as const;
export const CONTRACT_STATUSES = ['active', 'ended'] as const;
export const BUDGET_STATES = ['OK', 'LOW', 'DEPLETED'] as const;
export const LEDGER_ENTRY_TYPES = ['TOP_UP', 'HOLD', 'HOLD_RELEASE', 'CAPTURE', 'REFUND', 'ADJUSTMENT'] as const;

/** What the human will be asked to pay, as shown on the approval page. */
export const approvalAmountsSchema = z.object({
  milestoneUsd: z.number(),
  marketplaceFeeUsd: z.number(),
  contractInitiationFeeUsd: z.number(),
  totalUsd: z.number(),
});

export const approvalSchema = z.object({
  id: z.string(),
  type: z.enum(APPROVAL_TYPES),
  status: z.enum(APPROVAL_STATUSES),
  contractId: z.string().nullable(),
  milestoneId: z.string().nullable(),
  jobId: z.string().nullable(),
  proposalId: z.string().nullable(),
  approvalUrl: z.string(),
  expiresAt: z.string(),
  resolvedAt: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
  /** The terms the human is asked to confirm (hire and funding: the milestone and the amounts). */
  terms: z
    .object({
      milestone: z
        .object({
          name: z.string().nullable(),
          description: z.string().nullable(),
          amountUsd: z.number(),
          dueDate: z.string().nullable(),
        })
        .nullable(),
      amounts: approvalAmountsSchema.nullable(),
    })
    .optional(),
  /** Set when a newer hire request with different terms replaced this one. */
  supersededBy: z.string().nullable().optional(),
});
export type ApprovalJson = z.infer<typeof approvalSchema>;

export const approvalResponseSchema = z.object({
  approval: approvalSchema,
  message: z.string(),
});

export const milestoneSchema = z.object({
  id: z.string(),
  contractId: z.string(),
  name: z.string().nullable(),
  description: z.string().nullable(),
  status: z.enum(MILESTONE_STATUSES),
  amountUsd: z.number(),
  volume: z.number().nullable(),
  milestoneNumber: z.number().int(),
  dueDate: z.string().nullable(),
  pendingApproval: z.boolean(),
  needsReview: z.boolean(),
  invoiceId: z.string().nullable(),
  createdAt: z.string(),
});
export type MilestoneJson = z.infer<typeof milestoneSchema>;

export const contractSchema = z.object({
  id: z.string(),
  status: z.enum(CONTRACT_STATUSES),
  title: z.string(),
  jobId: z.string(),
  proposalId: z.string(),
  paymentType: z.string(),
  rateUsd: z.number().nullable(),
  estimatedTotalUsd: z.number().nullable(),
  estimatedVolume: z.number().nullable(),
  hasActiveMilestone: z.boolean(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  freelancer: z.object({
    userId: z.string(),
    displayName: z.string(),
    country: z.string().nullable(),
    profilePath: z.string().nullable(),
  }),
  milestones: z.array(milestoneSchema),
});
export type ContractJson = z.infer<typeof contractSchema>;

export const budgetSchema = z.object({
  contractId: z.string(),
  paymentType: z.string(),
  state: z.enum(BUDGET_STATES),
  fundedVolume: z.number(),
  fundedAmountUsd: z.number(),
  consumed: z.object({
    seconds: z.number(),
    hours: z.number(),
    labels: z.number(),
    tasks: z.number(),
  }),
  consumedVolume: z.number(),
  remainingVolume: z.number(),
  consumedFraction: z.number(),
  activeMilestone: z
    .object({
      id: z.string(),
      name: z.string().nullable(),
      amountUsd: z.number(),
      volume: z.number().nullable(),
      status: z.enum(MILESTONE_STATUSES),
    })
    .nullable(),
  lastUsageAt: z.string().nullable(),
});

export const contractDetailSchema = contractSchema.extend({
  jobDmConversationId: z.string().nullable(),
  budget: budgetSchema,
});

export const ledgerEntrySchema = z.object({
  id: z.string(),
  type: z.enum(LEDGER_ENTRY_TYPES),
  amountCents: z.number().int(),
  createdAt: z.string(),
  holdEntryId: z.string().nullable(),
  jobofferId: z.string().nullable(),
  contractId: z.string().nullable(),
  milestoneId: z.string().nullable(),
  topUpId: z.string().nullable(),
  note: z.string().nullable(),
});

export const topUpSchema = z.object({
  id: z.string(),
  status: z.enum(['PENDING', 'COMPLETED', 'EXPIRED', 'CANCELED']),
  amountCents: z.number().int(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  expiresAt: z.string(),
  sandbox: z.boolean().optional(),
});

export const pendingPaymentSchema = z.object({
  id: z.string(),
  status: z.enum(['PENDING_FUNDING', 'PENDING_PAYOUT']),
  invoiceKind: z.literal('FUNDING'),
  viewerRole: z.literal('EMPLOYER'),
  amountUsd: z.number(),
  createdAt: z.string(),
  invoiceNumber: z.string(),
  job: z.object({ id: z.string(), title: z.string().nullable() }),
  milestone: z.object({ id: z.string(), name: z.string().nullable() }),
  approvalId: z.string(),
  approvalUrl: z.string(),
});


export const idParam = (what: string) => z.string().min(1).max(64).describe(what);

/**
 * After an operation's own message (which already says where the human confirms): the approval id,
 * its status and deadline, without repeating the approval sentence.
 */
export const approvalFollowUp = (a: ApprovalJson) =>
  `Approval ${a.id} (${a.type}) is ${a.status}${a.status === 'pending' ? ` until ${a.expiresAt}; check it with opentrain_get_approval` : ''}.${a.result ? ` Result: ${JSON.stringify(a.result)}` : ''}`;

export const approvalSummary = (a: ApprovalJson) =>
  `Approval ${a.id} (${a.type}) is ${a.status}${a.status === 'pending' ? `: a signed-in human must confirm it at ${a.approvalUrl} before ${a.expiresAt}` : ''}.${a.result ? ` Result: ${JSON.stringify(a.result)}` : ''}`;
