import { defineOperation, z } from '@platform/kit';
import { Id, User } from '../../schemas';

export default defineOperation({
  name: 'reactivate_user',
  method: 'POST',
  path: '/api-tenant-users-reactivate',
  queryParams: ['user_id'],
  title: 'Reactivate a user',
  description: 'Reactivate a previously deactivated user so they can sign in again.',
  input: z.object({ user_id: Id.describe('User id (UUID)') }),
  output: User,
  auth: 'required',
  scopes: ['manage:users'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'users',
  cli: ['users', 'reactivate'],
  summarize: (u) => `${u.full_name} <${u.email}> is ${u.status}.`,
});
