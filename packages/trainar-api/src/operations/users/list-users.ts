import { defineOperation, z } from '@platform/kit';
import { limitField, offsetField, page, Role, User, UserStatus } from '../../schemas';

export default defineOperation({
  name: 'list_users',
  method: 'GET',
  path: '/api-tenant-users',
  title: 'List users',
  description: 'List the dashboard users of your tenant (name, email, role, invited/active/inactive), oldest first; filter by status or role.',
  input: z.object({
    status: UserStatus.optional().describe('Only users in this status'),
    role: Role.optional().describe('Only users with this role'),
    limit: limitField(50),
    offset: offsetField(),
  }),
  output: z.object({ users: z.array(User), ...page }),
  auth: 'required',
  scopes: ['read:users'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'users',
  cli: ['users', 'list'],
  summarize: (out) =>
    out.users.length === 0
      ? `No users (total ${out.total}).`
      : `${out.users.length} of ${out.total} user(s): ${out.users.map((u) => `${u.full_name} <${u.email}> ${u.role}, ${u.status} (${u.id})`).join('; ')}.`,
});
