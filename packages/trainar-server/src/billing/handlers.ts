/** @module Billing operations → BillingService / MinutesPool (no SQL here). */
import { ops } from '@trainar/api';
import { implementBilling as implement } from './context';

export const billingHandlers = [
  implement(ops.getSubscription, (_input, ctx) => ctx.services.billing.getSubscription(ctx.tenantId)),
  implement(ops.createSubscription, (input, ctx) => ctx.services.billing.createSubscription(ctx.tenantId, input)),
  implement(ops.updateSubscription, (input, ctx) => ctx.services.billing.updateSubscription(ctx.tenantId, input)),
  implement(ops.cancelSubscription, (input, ctx) => ctx.services.billing.cancelSubscription(ctx.tenantId, input.at_period_end)),
  implement(ops.getBillingDetails, (_input, ctx) => ctx.services.billing.getBillingDetails(ctx.tenantId)),
  implement(ops.getUsageBalance, (_input, ctx) => ctx.services.billing.getBalance(ctx.tenantId)),
  implement(ops.getMinuteTransactions, (input, ctx) => ctx.services.billing.listTransactions(ctx.tenantId, input)),
  implement(ops.getMinutesReport, (input, ctx) => ctx.services.billing.minutesReport(ctx.tenantId, input)),
  implement(ops.buyMinutePack, (input, ctx) => ctx.services.billing.buyPack(ctx.tenantId, input.pack_id)),
];
