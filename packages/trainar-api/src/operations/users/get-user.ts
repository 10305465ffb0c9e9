import { defineOperation, z } from '@platform/kit';
import { Id, User } from '../../schemas';

export default defineOperation({
  name: 'get_user',
  method: 'GET',
  path: '/api-tenant-users',
  selectWhen: 'user_id',
  title: 'Get a user',
  description: 'Get one user of your tenant by id (addressed as ?user_id=).',
  input: z.object({ user_id: Id.describe('User id (UUID)') }),
  output: User,
  auth: 'required',
  scopes: ['read:users'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'users',
  cli: ['users', 'get'],
  summarize: (u) => `${u.full_name} <${u.email}>: ${u.role}, ${u.status}, last active ${u.last_active_at ?? 'never'}.`,
});
