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

function toJson(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
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
