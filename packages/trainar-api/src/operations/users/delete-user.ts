import { defineOperation, z } from '@platform/kit';
import { Id } from '../../schemas';

export default defineOperation({
  name: 'delete_user',
  method: 'DELETE',
  path: '/api-tenant-users',
  selectWhen: 'user_id',
  title: 'Delete a user permanently',
  description: 'Delete a user permanently: their records stay but no longer name them; sessions and invitations end.',
  input: z.object({ user_id: Id.describe('User id (UUID)') }),
  output: z.object({ id: z.string(), deleted: z.literal(true) }),
  auth: 'required',
  scopes: ['manage:users'],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  exclude: ['mcp'],
  toolset: 'users',
  cli: ['users', 'delete'],
  summarize: (out) => `Deleted user ${out.id}.`,
});
