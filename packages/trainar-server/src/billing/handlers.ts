/** @module Billing operations → BillingService / MinutesPool (no SQL here). */
import { implement } from '@platform/kit';
import { ops } from '@trainar/api';
import type { TrainArContext } from '../context';

type Ctx = TrainArContext;

export const billingHandlers = [
  implement(ops.getSubscription, (_input, ctx: Ctx) => ctx.services.billing.getSubscription(ctx.tenantId)),
  implement(ops.createSubscription, (input, ctx: Ctx) => ctx.services.billing.createSubscription(ctx.tenantId, input)),
  implement(ops.updateSubscription, (input, ctx: Ctx) => ctx.services.billing.updateSubscription(ctx.tenantId, input)),
  implement(ops.cancelSubscription, (input, ctx: Ctx) => ctx.services.billing.cancelSubscription(ctx.tenantId, input.at_period_end)),
  implement(ops.getBillingDetails, (_input, ctx: Ctx) => ctx.services.billing.getBillingDetails(ctx.tenantId)),
  implement(ops.getUsageBalance, (_input, ctx: Ctx) => ctx.services.billing.getBalance(ctx.tenantId)),
  implement(ops.getMinuteTransactions, (input, ctx: Ctx) => ctx.services.billing.listTransactions(ctx.tenantId, input)),
  implement(ops.getMinutesReport, (input, ctx: Ctx) => ctx.services.billing.minutesReport(ctx.tenantId, input)),
  implement(ops.buyMinutePack, (input, ctx: Ctx) => ctx.services.billing.buyPack(ctx.tenantId, input.pack_id)),
];
