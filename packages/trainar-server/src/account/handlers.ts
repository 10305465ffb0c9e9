/** @module Account operations → AccountService. */
import { ops } from '@trainar/api';
import { implementAccount as implement } from './context';

export const accountHandlers = [
  implement(ops.getAccount, (_input, ctx) => ctx.services.account.get(ctx.tenantId)),
  implement(ops.updateAccount, (input, ctx) => ctx.services.account.update(ctx.tenantId, input)),
  implement(ops.getAccountSettings, (_input, ctx) => ctx.services.account.settings(ctx.tenantId)),
];
