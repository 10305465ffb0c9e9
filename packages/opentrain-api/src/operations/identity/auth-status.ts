import { defineOperation, z } from '@platform/kit';
import { ANY_TOKEN } from '../../gates';

export default defineOperation({
  name: 'opentrain_auth_status',
  toolset: 'auth',
  method: 'GET',
  path: '/auth/me',
  description: "Who this token acts for: user, organization, scopes, and whether a human has claimed the account.",
  input: z.object({}),
  output: z.object({
    actor: z.object({
      userId: z.string().nullable(),
      email: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      fullName: z.string().nullable(),
      userType: z.literal('EMPLOYER'),
      /** Name the agent registered with (null for tokens minted by a human). */
      agentName: z.string().nullable(),
    }),
    token: z.object({ id: z.string(), label: z.string(), scopes: z.array(z.string()), ownerOrganizationId: z.string(), expiresAt: z.string().nullable() }),
    account: z.object({
      kind: z.literal('employer_organization'),
      organizationId: z.string(),
      organizationName: z.string().nullable(),
      ownerUserId: z.string().nullable(),
      memberRole: z.enum(['OWNER', 'MEMBER']),
      claimed: z.boolean(),
      claimedAt: z.string().nullable(),
      /** Where a human learns how to claim (null once claimed). */
      claimUrl: z.string().nullable(),
    }),
  }),
  auth: 'required',
  scopes: [],
  gates: [ANY_TOKEN],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  cli: ['whoami'],
  summarize: (out) => {
    const who = out.actor.email ? `${out.actor.fullName ?? out.actor.email} <${out.actor.email}>` : `agent ${out.actor.agentName ?? '(unnamed)'}`;
    const org = out.account.organizationName ?? out.account.organizationId;
    const lines = [`Token "${out.token.label}" (${out.token.id}) acts for ${who} in organization ${org}.`, `Scopes: ${out.token.scopes.join(', ') || '(none)'}.`];
    lines.push(
      out.account.claimed
        ? `Account claimed at ${out.account.claimedAt}.`
        : 'Account not claimed yet: hiring, messaging and team invites are locked. Next: opentrain_claim_account with the human owner\'s email.',
    );
    return lines.join('\n');
  },
});
