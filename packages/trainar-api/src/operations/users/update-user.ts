import { defineOperation, z } from '@platform/kit';
import { Id, Role, User } from '../../schemas';

/** REST's general edit (spec 4.2 PATCH); MCP agents use update_user_role / deactivate_user / reactivate_user. */
export default defineOperation({
  name: 'update_user',
  method: 'PATCH',
  path: '/api-tenant-users',
  selectWhen: 'user_id',
  title: 'Update a user',
  description: 'Edit a user addressed as ?user_id=: full_name, role and/or is_active (false deactivates, true reactivates).',
  input: z.object({
    user_id: Id.describe('User id (UUID)'),
    full_name: z.string().trim().min(1).max(200).optional().describe('New full name'),
    role: Role.optional().describe('New role'),
    is_active: z.boolean().optional().describe('false deactivates the user, true reactivates'),
  }),
  output: User,
  auth: 'required',
  scopes: ['manage:users'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  exclude: ['mcp'],
  toolset: 'users',
  cli: ['users', 'update'],
  summarize: (u) => `Updated ${u.full_name} <${u.email}>: ${u.role}, ${u.status}.`,
});
