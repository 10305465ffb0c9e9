/** @module Handler for `GET /updates` (any of proposals:read, messages:read, payments:read; pre-claim OK). */
import { pollUpdates } from '@opentrain/api';
import { implement } from '@platform/kit';
import type { OpenTrainAuth, OpenTrainContext } from '../context';

export const updatesOperations = [
  implement(pollUpdates, (input, ctx: OpenTrainContext) => {
    const auth = ctx.auth as OpenTrainAuth;
    return ctx.services.updates.poll(auth.organizationId, auth.scopes, { cursor: input.cursor, limit: input.limit });
  }),
];
