/** @module Handler for `GET /updates` (any of proposals:read, messages:read, payments:read; pre-claim OK). */
import { pollUpdates } from '@opentrain/api';
import { implementUpdates as implement } from './context';

export const updatesOperations = [
  implement(pollUpdates, (input, ctx) => ctx.services.updates.poll(ctx.auth.organizationId, ctx.auth.scopes, { cursor: input.cursor, limit: input.limit })),
];
