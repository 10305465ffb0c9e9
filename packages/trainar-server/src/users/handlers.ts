/** @module Users operations → UserService (no SQL here). */
import { implement } from '@platform/kit';
import { ops } from '@trainar/api';
import type { TrainArContext } from '../context';

type Ctx = TrainArContext;

export const userHandlers = [
  implement(ops.listUsers, (input, ctx: Ctx) => ctx.services.users.list(ctx.tenantId, input)),
  implement(ops.getUser, (input, ctx: Ctx) => ctx.services.users.get(ctx.tenantId, input.user_id)),
  implement(ops.inviteUser, (input, ctx: Ctx) =>
    ctx.services.users.invite(ctx.tenantId, ctx.actor, { email: input.email, full_name: input.full_name, role: input.role ?? input.roles?.[0] ?? 'member' }),
  ),
  implement(ops.updateUser, (input, ctx: Ctx) =>
    ctx.services.users.update(ctx.tenantId, ctx.actor, input.user_id, { full_name: input.full_name, role: input.role, is_active: input.is_active }),
  ),
  implement(ops.updateUserRole, (input, ctx: Ctx) => ctx.services.users.update(ctx.tenantId, ctx.actor, input.user_id, { role: input.role })),
  implement(ops.deactivateUser, (input, ctx: Ctx) => ctx.services.users.update(ctx.tenantId, ctx.actor, input.user_id, { is_active: false })),
  implement(ops.reactivateUser, (input, ctx: Ctx) => ctx.services.users.update(ctx.tenantId, ctx.actor, input.user_id, { is_active: true })),
  implement(ops.deleteUser, (input, ctx: Ctx) => ctx.services.users.delete(ctx.tenantId, ctx.actor, input.user_id)),
];
