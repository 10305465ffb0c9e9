/**
 * @module JSON Schemas derived from an operation's zod schemas, computed once per operation and
 * cached: MCP `tools/list`, OpenAPI and query coercion all read the same objects.
 */
import { z } from 'zod';
import type { AnyOperation } from './define';

export type JsonSchema = Record<string, unknown>;

interface OperationSchemas {
  input: JsonSchema;
  output: JsonSchema;
}

const cache = new WeakMap<AnyOperation, OperationSchemas>();

/** One zod schema as draft-2020-12 JSON Schema (what every surface shows). */
export function toJson(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return withoutSafeIntegerBounds(json) as JsonSchema;
}

/**
 * zod writes ±Number.MAX_SAFE_INTEGER as the bounds of every `.int()`: they say nothing a reader
 * needs (the value is validated anyway) and cost tokens in every MCP `tools/list`.
 */
function withoutSafeIntegerBounds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutSafeIntegerBounds);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'minimum' && value === Number.MIN_SAFE_INTEGER) || (key === 'maximum' && value === Number.MAX_SAFE_INTEGER)) continue;
    out[key] = withoutSafeIntegerBounds(value);
  }
  return out;
}

/** Keywords the MCP listing leaves out of input schemas (the server still enforces them). */
const LISTING_OMITS = new Set(['minLength', 'maxLength', 'maxItems']);

/** Keywords whose value maps names to subschemas (its keys are property names, not keywords). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions']);

/** Formats whose meaning fixes the string's shape: zod also writes them as a `pattern`, which says it twice. */
const SELF_DESCRIBING_FORMATS = new Set(['uuid', 'date-time', 'date', 'email']);

/**
 * The same schema written with fewer tokens for MCP `tools/list`: `anyOf: [X, {type: 'null'}]`
 * (zod's `.nullable()`) becomes `X` with `"null"` added to its type (equivalent JSON Schema);
 * a `pattern` beside a self-describing `format` (uuid, date-time, date, email) and the no-op
 * `propertyNames: {type: 'string'}` / `additionalProperties: {}` of zod records are left out
 * (the server still checks the full rule and answers 400 naming the field).
 * With `omitLengths`, string lengths and array maxima are left out: they cost ~10 tokens per
 * field, a model rarely needs them, and a call that breaks one gets a 400 naming the field.
 */
export function compactJsonSchema(node: unknown, options: { omitLengths?: boolean } = {}): unknown {
  if (Array.isArray(node)) return node.map((n) => compactJsonSchema(n, options));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (options.omitLengths && LISTING_OMITS.has(key) && typeof value === 'number') continue;
    if (key === 'pattern' && SELF_DESCRIBING_FORMATS.has((node as JsonSchema).format as string)) continue;
    if (key === 'propertyNames' && isJust(value, { type: 'string' })) continue;
    if (key === 'additionalProperties' && isJust(value, {})) continue;
    out[key] = SCHEMA_MAPS.has(key) && value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, compactJsonSchema(sub, options)]))
      : compactJsonSchema(value, options);
  }
  const union = out.anyOf as JsonSchema[] | undefined;
  if (Array.isArray(union) && union.length === 2) {
    const nullIndex = union.findIndex((s) => s.type === 'null' && Object.keys(s).length === 1);
    const other = union[1 - nullIndex];
    if (nullIndex !== -1 && typeof other?.type === 'string' && !('anyOf' in other) && !('oneOf' in other)) {
      const merged: JsonSchema = { ...other, type: [other.type, 'null'] };
      if ('const' in other) {
        merged.enum = [other.const, null];
        delete merged.const;
      } else if (Array.isArray(other.enum)) merged.enum = [...other.enum, null];
      const { anyOf: _, ...rest } = out;
      return { ...merged, ...rest };
    }
  }
  return out;
}

function isJust(value: unknown, expected: Record<string, unknown>): boolean {
  return !!value && typeof value === 'object' && JSON.stringify(value) === JSON.stringify(expected);
}

export function operationSchemas(op: AnyOperation): OperationSchemas {
  let schemas = cache.get(op);
  if (!schemas) {
    schemas = { input: toJson(op.input, 'input'), output: toJson(op.output, 'output') };
    cache.set(op, schemas);
  }
  return schemas;
}

const mcpCache = new WeakMap<AnyOperation, JsonSchema>();

/** The input schema MCP clients see: `mcpInput` when the contract narrows it, else the input. */
export function mcpInputJsonSchema(op: AnyOperation): JsonSchema {
  if (!op.mcpInput) return operationSchemas(op).input;
  let schema = mcpCache.get(op);
  if (!schema) {
    schema = toJson(op.mcpInput, 'input');
    mcpCache.set(op, schema);
  }
  return schema;
}

/** The input schema without the fields that travel in the path (for OpenAPI bodies and queries). */
export function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> {
  return (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
}

export function requiredOf(schema: JsonSchema): string[] {
  return (schema.required as string[] | undefined) ?? [];
}

/** The primitive JSON type of a property, looking through a nullable union. */
export function primitiveType(prop: JsonSchema | undefined): string | undefined {
  if (!prop) return undefined;
  if (typeof prop.type === 'string') return prop.type;
  if (Array.isArray(prop.type)) return (prop.type as string[]).find((t) => t !== 'null');
  if (Array.isArray(prop.enum)) return typeof (prop.enum as unknown[])[0];
  const union = (prop.anyOf ?? prop.oneOf) as JsonSchema[] | undefined;
  if (union) return union.map(primitiveType).find((t) => t && t !== 'null');
  return undefined;
}

/**
 * Turns query-string values into the types the input schema expects, so `?limit=5&archived=true`
 * validates as `{limit: 5, archived: true}`. Values that do not convert are left for zod to reject.
 */
export function coerceQuery(op: AnyOperation, query: Record<string, string[]>): Record<string, unknown> {
  const props = propertiesOf(operationSchemas(op).input);
  const out: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(query)) {
    const prop = props[key];
    const type = primitiveType(prop);
    if (type === 'array') {
      out[key] = values.flatMap((v) => v.split(',')).filter((v) => v !== '').map((v) => coerceScalar(v, primitiveType(prop?.items as JsonSchema)));
    } else {
      out[key] = coerceScalar(values[values.length - 1], type);
    }
  }
  return out;
}

function coerceScalar(value: string, type: string | undefined): unknown {
  if ((type === 'number' || type === 'integer') && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (type === 'object') {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}
