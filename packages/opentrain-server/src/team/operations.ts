/** @module Handlers for `GET /team` and `POST /team/invites` (the public_api_team flag refuses with `teams_not_enabled`). */
import { getTeam, inviteTeamMember } from '@opentrain/api';
import { forbidden } from '@platform/kit';
import { implementTeam as implement, type TeamServices } from './context';

async function assertTeamsEnabled(services: TeamServices, organizationId: string) {
  const state = await services.features.state(organizationId, 'public_api_team');
  if (!state.enabled) throw forbidden('Teams are not enabled for this account.', { reason: 'teams_not_enabled', featureKey: 'public_api_team', mode: state.mode });
}

export const teamOperations = [
  implement(getTeam, async (_input, ctx) => {
    await assertTeamsEnabled(ctx.services, ctx.auth.organizationId);
    return { team: await ctx.services.team.view(ctx.auth.organizationId) };
  }),
  implement(inviteTeamMember, async (input, ctx) => {
    await assertTeamsEnabled(ctx.services, ctx.auth.organizationId);
    return ctx.services.team.invite(ctx.auth.organizationId, ctx.auth.userId, input.email);
  }),
];
