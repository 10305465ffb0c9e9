/**
 * @module The one pipeline every transport runs, in a fixed order: authenticate (done by the
 * transport, which knows where the credential is), scopes, gates, validate, call the handler.
 * Authentication and authorization come before any lookup, so a stranger learns nothing.
 */
import { ApiError, forbidden, unauthorized, validationError } from '../errors/api-error';
import { assertNoControlCharacters } from '../text/control-characters';
import { type ApiDefinition, hasScope } from './api';
import type { AnyOperation } from './define';
import type { AnyImplemented, CallerAuth, RequestScope } from './implement';

export interface ServerBinding<A extends CallerAuth, C> {
  api: ApiDefinition;
  implementations: AnyImplemented<C>[];
  /**
   * Resolves a bearer credential. Returns null when no credential was given; throws ApiError
   * (401) when one was given but is malformed, unknown, revoked or expired.
   */
  authenticate(credential: string | null, scope: { clientIp?: string }): Promise<A | null>;
  /** Builds the handler context for one call. */
  makeContext(scope: RequestScope<A>): C;
  /** Product gates (claimed account, feature flags); throws ApiError to refuse. */
  checkGates?(op: AnyOperation, ctx: C): Promise<void> | void;
  /**
   * Called when the token lacks scopes, before the generic 403: may throw a more actionable ApiError
   * (e.g. "a human must claim this account", when claiming is what would grant the scopes).
   */
  explainMissingScopes?(op: AnyOperation, ctx: C, lacking: string[]): Promise<void> | void;
  /**
   * Check every handler's result against the contract's output schema (REST and hosted MCP alike).
   * Default: on under vitest and with VALIDATE_OUTPUT=1, off in production (`VALIDATE_OUTPUT=0` turns it off).
   */
  validateOutput?: boolean;
}

/** Output checking is for tests and staging: a mismatch is a bug in the handler, never the caller's. */
export function outputValidationDefault(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.VALIDATE_OUTPUT !== undefined) return env.VALIDATE_OUTPUT === '1' || env.VALIDATE_OUTPUT === 'true';
  return Boolean(env.VITEST);
}

/**
 * Throws a 500 naming the operation and every offending path when `output` is outside the schema
 * the contract declares for `status` (its output, or one of `otherResponses`).
 */
export function assertOutputMatches(op: AnyOperation, output: unknown, status = op.successStatus ?? 200): void {
  const schema = op.otherResponses?.[status]?.schema ?? op.output;
  const checked = schema.safeParse(output);
  if (checked.success) return;
  const issues = checked.error.issues.map((i: { path: PropertyKey[]; message: string }) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  throw new ApiError({
    kind: 'internal',
    message: `${op.name} returned a body outside its output schema: ${issues.join('; ')}`,
    details: { operation: op.name, issues },
  });
}

export interface OperationServer<A extends CallerAuth, C> {
  binding: ServerBinding<A, C>;
  find(name: string): AnyImplemented<C> | undefined;
  invoke(name: string, rawInput: unknown, scope: RequestScope<A>): Promise<unknown>;
  /** Operations the caller's scopes allow (hosted MCP lists only these). */
  allowedFor(auth: A | null): AnyImplemented<C>[];
}

export function createOperationServer<A extends CallerAuth, C>(binding: ServerBinding<A, C>): OperationServer<A, C> {
  const byName = new Map<string, AnyImplemented<C>>();
  const twice = new Set<string>();
  for (const impl of binding.implementations) {
    if (byName.has(impl.contract.name)) twice.add(impl.contract.name);
    byName.set(impl.contract.name, impl);
  }
  // A second handler for one operation silently replaced the first (two modules listing the same handlers).
  if (twice.size) throw new Error(`${binding.api.product}: operations implemented more than once: ${[...twice].join(', ')}`);
  const missing = binding.api.operations.filter((op) => !byName.has(op.name)).map((op) => op.name);
  if (missing.length) throw new Error(`${binding.api.product}: operations without an implementation: ${missing.join(', ')}`);
  const extra = binding.implementations.filter((i) => !binding.api.operations.includes(i.contract)).map((i) => i.contract.name);
  if (extra.length) throw new Error(`${binding.api.product}: implementations not in the operation list: ${extra.join(', ')}`);

  const validateOutput = binding.validateOutput ?? outputValidationDefault();
  const missingScopes = (op: AnyOperation, auth: A | null) =>
    op.scopes.filter((s) => !hasScope(binding.api, auth?.scopes ?? [], s));

  return {
    binding,
    find: (name) => byName.get(name),
    allowedFor: (auth) =>
      binding.api.operations
        .filter((op) => (op.auth !== 'required' || auth) && missingScopes(op, auth).length === 0)
        .map((op) => byName.get(op.name) as AnyImplemented<C>),
    async invoke(name, rawInput, callerScope) {
      const impl = byName.get(name);
      if (!impl) throw new Error(`Unknown operation ${name}`);
      const op = impl.contract;
      // The status the handler answers with picks the schema its body is checked against.
      let status = op.successStatus ?? 200;
      const scope: RequestScope<A> = {
        ...callerScope,
        setStatus: (s) => {
          status = s;
          callerScope.setStatus(s);
        },
      };
      if (op.auth === 'required' && !scope.auth) throw unauthorized();
      // Every string of every operation, on every surface (REST body, path and query; MCP arguments).
      // Before scopes and gates: it depends on the input alone, so a 400 reveals nothing.
      assertNoControlCharacters(rawInput);
      if (op.auth !== 'none' && scope.auth) {
        const lacking = missingScopes(op, scope.auth);
        if (lacking.length) {
          await binding.explainMissingScopes?.(op, binding.makeContext(scope), lacking);
          throw forbidden(`This token lacks the scope${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')} required for ${op.name}.`, {
            reason: 'insufficient_scope',
            requiredScopes: op.scopes,
            grantedScopes: scope.auth.scopes,
          });
        }
      }
      const ctx = binding.makeContext(scope);
      await binding.checkGates?.(op, ctx);
      const parsed = op.input.safeParse(rawInput ?? {});
      if (!parsed.success) throw validationError(parsed.error);
      const output = await impl.handler(parsed.data, ctx);
      if (validateOutput) assertOutputMatches(op, output, status);
      return output;
    },
  };
}
