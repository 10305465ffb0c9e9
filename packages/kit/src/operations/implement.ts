/**
 * @module Binding a contract to its server-side handler. Handlers receive validated input and the
 * product's context; they return the response body (or throw ApiError).
 */
import type { z } from 'zod';
import type { AuthMode, InputSchema, OperationContract, OutputSchema } from './define';

/** The caller as the kit sees it; products extend it with their own fields. */
export interface CallerAuth {
  /** Stable id of the credential (token id, key id). */
  credentialId: string;
  scopes: string[];
}

/** What the kit hands every handler, whatever the transport. */
export interface RequestScope<A extends CallerAuth = CallerAuth> {
  auth: A | null;
  requestId: string;
  /** Which surface the call came through. */
  surface: 'rest' | 'mcp';
  /** The client's IP when known (rate limits for tokenless calls). */
  clientIp?: string;
  /** Set a response header (REST only; ignored elsewhere). */
  setHeader(name: string, value: string): void;
  /** Override the success status for this call (e.g. 200 vs 201 on an idempotent create). */
  setStatus(status: number): void;
}

export type Handler<I extends InputSchema, O extends OutputSchema, C> = (
  input: z.output<I>,
  ctx: C,
) => Promise<z.input<O>> | z.input<O>;

export interface ImplementedOperation<I extends InputSchema = InputSchema, O extends OutputSchema = OutputSchema, C = unknown> {
  contract: OperationContract<I, O>;
  handler: Handler<I, O, C>;
}

// biome-ignore lint/suspicious/noExplicitAny: lists mix every operation shape.
export type AnyImplemented<C> = ImplementedOperation<any, any, C>;

export function implement<I extends InputSchema, O extends OutputSchema, C>(
  contract: OperationContract<I, O>,
  handler: Handler<I, O, C>,
): ImplementedOperation<I, O, C> {
  return { contract, handler };
}

/**
 * The handler's view of the product context: for `auth: 'required'` contracts `ctx.auth` is not
 * null (the pipeline answers 401 before the handler runs), so handlers need no cast.
 */
export type ContextFor<C, A extends AuthMode> = A extends 'required' ? (C extends { auth: infer Auth } ? Omit<C, 'auth'> & { auth: NonNullable<Auth> } : C) : C;

/**
 * `implement` bound to one context type: `const implementOp = implementer<MyContext>()`, then
 * `implementOp(contract, (input, ctx) => …)` with `ctx` typed from the contract's auth mode.
 */
export function implementer<C>() {
  return function implementWithContext<I extends InputSchema, O extends OutputSchema, A extends AuthMode>(
    contract: OperationContract<I, O, A>,
    handler: Handler<I, O, ContextFor<C, A>>,
  ): ImplementedOperation<I, O, C> {
    // Sound because the pipeline (invoke.ts) refuses `auth: 'required'` calls without a caller.
    return { contract, handler: handler as Handler<I, O, C> };
  };
}
