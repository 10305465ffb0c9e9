/** @module What the contracts service is built from, and the shapes of its callers' requests (shared with hire-requests.ts). */
import type { SettlementDeps } from './escrow';
import type { Settlement } from './settlement';

/** Settlement's collaborators (minus its billing link), plus settlement itself and the public origin. */
export interface ContractsDeps extends Omit<SettlementDeps, 'billingUrl' | 'cardPayments'> {
  settlement: Settlement;
  publicUrl(): string;
}

export interface Caller {
  organizationId: string;
  tokenId: string | null;
}

export interface HireInput {
  milestone: {
    name?: string;
    description?: string;
    amount: unknown;
    dueDate?: string;
  };
  confirmNotAFit?: boolean;
}
