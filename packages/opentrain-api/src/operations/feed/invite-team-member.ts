import { defineOperation, z } from '@platform/kit';
import { claimedGate } from '../../gates';
import { teamSchema } from './schemas';

/** The public_api_team flag is checked by the handler (reason `teams_not_enabled`), after the claim gate. */
export default defineOperation({
  name: 'opentrain_invite_team_member',
  toolset: 'team',
  method: 'POST',
  path: '/team/invites',
  description: 'Invite a colleague by email to this account team (they get a join link valid 7 days); needs a claimed account.',
  input: z.object({ email: z.string().trim().min(3).max(254).describe('Email address of the person to invite') }),
  output: z.object({ ok: z.literal(true), status: z.enum(['invite_created', 'member_added', 'already_member']), email: z.string(), team: teamSchema }),
  auth: 'required',
  scopes: ['team:write'],
  gates: [claimedGate('invite team members')],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  cli: ['team', 'invite'],
  summarize: (out) => {
    const what = { invite_created: 'Invitation emailed to', member_added: 'Added to the team:', already_member: 'Already on the team:' }[out.status];
    return `${what} ${out.email}. The team has ${out.team.members.length} member(s) and ${out.team.invites.length} pending invite(s).`;
  },
});
