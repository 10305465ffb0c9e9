/** @module Handlers for the identity operations (`GET /auth/me`, `GET /job-drafts/capabilities`). */
import { authStatus, capabilities } from '@opentrain/api';
import { implementIdentity as implement } from './context';

export const accountOperations = [
  implement(authStatus, (_input, ctx) => ctx.services.accountStatus.authStatus(ctx.auth)),
  implement(capabilities, (_input, ctx) => ctx.services.accountStatus.capabilities(ctx.auth)),
];
