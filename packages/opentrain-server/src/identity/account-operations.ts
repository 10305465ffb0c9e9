/** @module Handlers for the identity operations (`GET /auth/me`, `GET /job-drafts/capabilities`). */
import { authStatus, capabilities } from '@opentrain/api';
import { implement } from '@platform/kit';
import type { OpenTrainAuth, OpenTrainContext } from '../context';

const caller = (ctx: OpenTrainContext) => ctx.auth as OpenTrainAuth;

export const accountOperations = [
  implement(authStatus, (_input, ctx: OpenTrainContext) => ctx.services.accountStatus.authStatus(caller(ctx))),
  implement(capabilities, (_input, ctx: OpenTrainContext) => ctx.services.accountStatus.capabilities(caller(ctx))),
];
