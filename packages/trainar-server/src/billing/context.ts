/** @module What the billing module's handlers and pages receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { TrainArContext } from '../platform/context';
import type { BillingService } from './service';

export interface BillingServices {
  billing: BillingService;
}

export const implementBilling = implementer<TrainArContext<BillingServices>>();
