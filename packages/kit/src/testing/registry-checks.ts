/**
 * @module Invariants every operation registry must satisfy, checked by each product's test suite:
 * explicit boolean hints, never read-only and destructive at once, a one-line description under the
 * budget, a well-formed tool name, scopes where auth applies, no schema combinators in the input
 * (several MCP hosts reject anyOf/oneOf/allOf at the top level of tool inputs).
 */
import type { ApiDefinition } from '../operations/api';
import { type JsonSchema, operationSchemas } from '../operations/json-schema';

export interface RegistryRules {
  /** e.g. /^opentrain_[a-z_]+$/ */
  namePattern: RegExp;
  maxDescriptionLength?: number;
}

/** Returns a list of human-readable violations (empty when the registry is sound). */
export function registryViolations(api: ApiDefinition, rules: RegistryRules): string[] {
  const problems: string[] = [];
  const max = rules.maxDescriptionLength ?? 300;
  for (const op of api.operations) {
    const where = op.name;
    if (!rules.namePattern.test(op.name)) problems.push(`${where}: name does not match ${rules.namePattern}`);
    if (!/^[A-Za-z0-9._-]{1,128}$/.test(op.name)) problems.push(`${where}: not a valid MCP tool name`);
    for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
      if (typeof op.annotations?.[hint] !== 'boolean') problems.push(`${where}: annotations.${hint} must be a boolean`);
    }
    if (op.annotations.readOnlyHint && op.annotations.destructiveHint) problems.push(`${where}: read-only and destructive at once`);
    if (op.annotations.readOnlyHint && op.method !== 'GET') problems.push(`${where}: read-only but uses ${op.method}`);
    if (!op.description || op.description.includes('\n')) problems.push(`${where}: description must be one line`);
    if (op.description.length > max) problems.push(`${where}: description is ${op.description.length} chars (budget ${max})`);
    // `any-scope:a,b` is an any-of scope gate (e.g. GET /updates): also an explicit authorization rule.
    const explicit = (op.gates ?? []).some((g: string) => g === 'any-token' || g.startsWith('any-scope:'));
    if (op.auth === 'required' && op.scopes.length === 0 && !explicit) {
      problems.push(`${where}: requires auth but lists no scope (add gates: ['any-token'] when any valid token will do, or an any-scope gate)`);
    }
    const input = operationSchemas(op).input;
    for (const key of ['anyOf', 'oneOf', 'allOf']) if (key in input) problems.push(`${where}: input schema has top-level ${key}`);
    if (input.type !== 'object') problems.push(`${where}: input schema is not an object`);
    for (const [field, schema] of Object.entries((input.properties ?? {}) as Record<string, JsonSchema>)) {
      if (!schema.description) problems.push(`${where}: input field ${field} has no description`);
    }
  }
  return problems;
}
