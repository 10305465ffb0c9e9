/** @module Account operations → AccountService. */
import { implement } from '@platform/kit';
import { ops } from '@trainar/api';
import type { TrainArContext } from '../context';

export const accountHandlers = [
  implement(ops.getAccount, (_input, ctx: TrainArContext) => ctx.services.account.get(ctx.tenantId)),
  implement(ops.updateAccount, (input, ctx: TrainArContext) => ctx.services.account.update(ctx.tenantId, input)),
  implement(ops.getAccountSettings, (_input, ctx: TrainArContext) => ctx.services.account.settings(ctx.tenantId)),
];
