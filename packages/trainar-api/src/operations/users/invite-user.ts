import { defineOperation, z } from '@platform/kit';
import { Role, User } from '../../schemas';

export default defineOperation({
  name: 'invite_user',
  method: 'POST',
  path: '/api-tenant-users',
  title: 'Invite a user',
  description: 'Invite a new user by email: creates them as invited and emails a set-password link (no seat is used).',
  input: z
    .object({
      email: z.email({ message: 'expected an email address' }).max(254).describe('Email address to invite'),
      full_name: z.string().trim().min(1, { message: 'enter the full name' }).max(200).describe('Full name'),
      role: Role.optional().describe('admin or member (default member)'),
      roles: z.array(Role).max(1, { message: 'a user has exactly one role' }).optional().describe('Alternative to role, as the n8n node sends it: ["admin"] or ["member"]; [] means member'),
    })
    .superRefine((input, ctx) => {
      if (input.role && input.roles?.length && input.roles[0] !== input.role) {
        ctx.addIssue({ code: 'custom', path: ['roles'], message: 'role and roles disagree; send one of them' });
      }
    }),
  output: User,
  auth: 'required',
  scopes: ['manage:users'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  successStatus: 201,
  toolset: 'users',
  cli: ['users', 'invite'],
  summarize: (u) => `Invited ${u.full_name} <${u.email}> as ${u.role} (${u.id}); the set-password link expires ${u.invitation_expires_at}.`,
});
