import { defineOperation, z } from '@platform/kit';
import { teamSchema } from './schemas';

/** The public_api_team flag is checked by the handler: its refusal carries reason `teams_not_enabled` (spec 3.10). */
export default defineOperation({
  name: 'opentrain_get_team',
  toolset: 'team',
  method: 'GET',
  path: '/team',
  description: 'Show the account team: organization, members (role, who may confirm approvals) and pending invites.',
  input: z.object({}),
  output: z.object({ team: teamSchema }),
  auth: 'required',
  scopes: ['team:read'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  cli: ['team', 'get'],
  summarize: (out) =>
    [
      `Team of ${out.team.organization.name ?? out.team.organization.id}: ${out.team.members.length} member(s), ${out.team.invites.length} pending invite(s).`,
      ...out.team.members.map((m) => `- ${m.name} <${m.email}> ${m.role}${m.canActOnApprovals ? ', can confirm approvals' : ''}`),
      ...out.team.invites.map((i) => `- invited ${i.email}, expires ${i.expiresAt}`),
    ].join('\n'),
});
