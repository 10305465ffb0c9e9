import { defineOperation, z } from '@platform/kit';
import { Id, User } from '../../schemas';

export default defineOperation({
  name: 'deactivate_user',
  method: 'POST',
  path: '/api-tenant-users-deactivate',
  queryParams: ['user_id'],
  title: 'Deactivate a user',
  description: 'Deactivate a user: they can no longer sign in; their data and seat are kept. Reverse with reactivate_user.',
  input: z.object({ user_id: Id.describe('User id (UUID)') }),
  output: User,
  auth: 'required',
  scopes: ['manage:users'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'users',
  cli: ['users', 'deactivate'],
  summarize: (u) => `${u.full_name} <${u.email}> is ${u.status}. Reverse with reactivate_user.`,
});
