/** @module Handlers for `GET /team` and `POST /team/invites` (the public_api_team flag refuses with `teams_not_enabled`). */
import { getTeam, inviteTeamMember } from '@opentrain/api';
import { forbidden, implement } from '@platform/kit';
import type { OpenTrainAuth, OpenTrainContext } from '../context';

async function assertTeamsEnabled(ctx: OpenTrainContext, organizationId: string) {
  const state = await ctx.services.features.state(organizationId, 'public_api_team');
  if (!state.enabled) throw forbidden('Teams are not enabled for this account.', { reason: 'teams_not_enabled', featureKey: 'public_api_team', mode: state.mode });
}

export const teamOperations = [
  implement(getTeam, async (_input, ctx: OpenTrainContext) => {
    const auth = ctx.auth as OpenTrainAuth;
    await assertTeamsEnabled(ctx, auth.organizationId);
    return { team: await ctx.services.team.view(auth.organizationId) };
  }),
  implement(inviteTeamMember, async (input, ctx: OpenTrainContext) => {
    const auth = ctx.auth as OpenTrainAuth;
    await assertTeamsEnabled(ctx, auth.organizationId);
    return ctx.services.team.invite(auth.organizationId, auth.userId, input.email);
  }),
];
