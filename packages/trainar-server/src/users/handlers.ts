/** @module Users operations → UserService (no SQL here). */
import { ops } from '@trainar/api';
import { implementUsers as implement } from './context';

export const userHandlers = [
  implement(ops.listUsers, (input, ctx) => ctx.services.users.list(ctx.tenantId, input)),
  implement(ops.getUser, (input, ctx) => ctx.services.users.get(ctx.tenantId, input.user_id)),
  implement(ops.inviteUser, (input, ctx) => ctx.services.users.invite(ctx.tenantId, ctx.actor, { email: input.email, full_name: input.full_name, role: input.role ?? input.roles?.[0] ?? 'member' })),
  implement(ops.updateUser, (input, ctx) => ctx.services.users.update(ctx.tenantId, ctx.actor, input.user_id, { full_name: input.full_name, role: input.role, is_active: input.is_active })),
  implement(ops.updateUserRole, (input, ctx) => ctx.services.users.update(ctx.tenantId, ctx.actor, input.user_id, { role: input.role })),
  implement(ops.deactivateUser, (input, ctx) => ctx.services.users.update(ctx.tenantId, ctx.actor, input.user_id, { is_active: false })),
  implement(ops.reactivateUser, (input, ctx) => ctx.services.users.update(ctx.tenantId, ctx.actor, input.user_id, { is_active: true })),
  implement(ops.deleteUser, (input, ctx) => ctx.services.users.delete(ctx.tenantId, ctx.actor, input.user_id)),
];
