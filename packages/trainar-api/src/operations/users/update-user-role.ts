import { defineOperation, z } from '@platform/kit';
import { Id, Role, User } from '../../schemas';

export default defineOperation({
  name: 'update_user_role',
  method: 'PATCH',
  path: '/api-tenant-users-role',
  queryParams: ['user_id'],
  title: "Change a user's role",
  description: "Change a user's role to admin or member (a tenant always keeps at least one active admin).",
  input: z.object({ user_id: Id.describe('User id (UUID)'), role: Role.describe('New role') }),
  output: User,
  auth: 'required',
  scopes: ['manage:users'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'users',
  cli: ['users', 'set-role'],
  summarize: (u) => `${u.full_name} <${u.email}> is now ${u.role}.`,
});
