/** @module What the contracts service is built from, and the shapes of its callers' requests (shared with hire-requests.ts). */
import type { Clock, Executor } from '@platform/kit';
import type { CreditsService } from '../credits';
import type { PaymentMethodsService } from '../payments';
import type { ApprovalStore } from './approvals';
import type { Marketplace } from './marketplace';
import type { Settlement } from './settlement';

export interface ContractsDeps {
  db: Executor;
  clock: Clock;
  credits: CreditsService;
  paymentMethods: PaymentMethodsService;
  marketplace: Marketplace;
  store: ApprovalStore;
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
