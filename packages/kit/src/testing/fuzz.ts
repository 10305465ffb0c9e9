/**
 * @module fast-check arbitraries derived from an operation's zod input schema, for the fuzz suites.
 * `zod-fast-check` (the maintained library) supports zod 3 and fast-check 3 only, and we run zod 4
 * and fast-check 4; so this walks the JSON Schema zod itself derives (`z.toJSONSchema`, the same
 * document OpenAPI and MCP show), a public and stable representation, rather than zod internals.
 * Values are mostly valid (so handlers really run); `hostileInput` then breaks one field at a time.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import type { AnyOperation } from '../operations/define';
import { type JsonSchema, operationSchemas, toJson } from '../operations/json-schema';

/** Strings that have broken servers elsewhere: SQL, markup, control characters, odd unicode, size. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  "' OR '1'='1' --",
  "'; DROP TABLE users; --",
  '"); select pg_sleep(5); --',
  '$1',
  '%s%s%s%n',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose.
  '{{7*7}}${7*7}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '\u0000',
  'nul\u0000inside',
  '\u001b[31mred\u001b[0m',
  '\r\nX-Injected: 1',
  '\u202eRTL override\u202c',
  '\u200b\u200c\u200d\ufeff',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'Z̴̡̛̩͎͓a̷̢͇̓l̵̨̛g̸̛o',
  'ﷺ𒐫𝕳',
  '\ud800',
  '\udfff lone low surrogate',
  'a'.repeat(10_000),
  '🙂'.repeat(5_000),
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '00000000-0000-0000-0000-000000000000',
  'Infinity',
];

/** Values of the wrong JSON type for almost any field, and numbers at the edges. */
export const WRONG_TYPE_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  -0,
  2 ** 31,
  2 ** 53,
  -(2 ** 63),
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  [],
  [null],
  {},
  { $gt: '' },
  { __proto__: { polluted: true } },
  ['a', 1, { b: [] }],
];

/** A JSON value nested `depth` levels deep (arrays and objects alternating). */
export function deeplyNested(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { n: value };
  return value;
}

const MAX_ARRAY = 4;
const MAX_STRING = 40;
const MAX_DEPTH = 4;

function bounded(min: unknown, max: unknown, fallbackMin: number, fallbackMax: number) {
  const lo = typeof min === 'number' ? Math.max(min, fallbackMin) : fallbackMin;
  const hi = typeof max === 'number' ? Math.min(max, fallbackMax) : fallbackMax;
  return { lo, hi: Math.max(lo, hi) };
}

const isoDate = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true });
const simpleEmail = fc
  .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9.+_-]{0,14}[a-z0-9]$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/), fc.constantFrom('test', 'example', 'com'))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`)
  .filter((e) => !e.includes('..'));

/**
 * Refinements (zod `.refine`) leave no trace in JSON Schema, so a field's name hints at its shape:
 * ids are often UUIDs, `from`/`to`/`…_at` fields ISO times. Both stay mixed with plain strings.
 */
function hintedByName(name: string | undefined): fc.Arbitrary<string> | null {
  if (!name) return null;
  if (/(^id|_id|Id)$/.test(name)) return fc.uuid();
  if (/^(from|to|since|until|after|before)$|_at$|At$|date/i.test(name)) return isoDate.map((d) => d.toISOString());
  return null;
}

function stringArbitrary(schema: JsonSchema, name?: string): fc.Arbitrary<string> {
  const { lo, hi } = bounded(schema.minLength, schema.maxLength, 0, Math.max(MAX_STRING, Number(schema.minLength ?? 0)));
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return simpleEmail.filter((e) => e.length <= hi);
    case 'date-time':
      return isoDate.map((d) => d.toISOString());
    case 'date':
      return isoDate.map((d) => d.toISOString().slice(0, 10));
    case 'uri':
    case 'url':
      return fc.webUrl({ withQueryParameters: true }).filter((u) => u.length <= hi);
  }
  if (typeof schema.pattern === 'string') {
    try {
      const pattern = new RegExp(schema.pattern);
      return fc.stringMatching(pattern).filter((s) => s.length >= lo && s.length <= hi);
    } catch {
      // A pattern fast-check cannot generate from: plain strings (mostly rejected, still a probe).
    }
  }
  const plain = fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: lo, maxLength: hi }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: lo, maxLength: hi }) },
  );
  const hinted = hintedByName(name);
  return hinted ? fc.oneof({ weight: 4, arbitrary: hinted }, { weight: 1, arbitrary: plain }) : plain;
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const exclusiveMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const exclusiveMax = typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : undefined;
  const min = typeof schema.minimum === 'number' ? schema.minimum : exclusiveMin !== undefined ? exclusiveMin + (integer ? 1 : 1e-6) : -1_000_000;
  const max = typeof schema.maximum === 'number' ? schema.maximum : exclusiveMax !== undefined ? exclusiveMax - (integer ? 1 : 1e-6) : 1_000_000;
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.max(Math.ceil(min), Math.floor(max)) });
  if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0) {
    const step = schema.multipleOf;
    const steps = fc.integer({ min: Math.ceil(min / step), max: Math.max(Math.ceil(min / step), Math.floor(max / step)) });
    return steps.map((n) => Number((n * step).toFixed(10)));
  }
  return fc.double({ min, max: Math.max(min, max), noNaN: true, noDefaultInfinity: true });
}

function objectArbitrary(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const known = fc.record(
    Object.fromEntries(Object.entries(properties).map(([name, prop]) => [name, arbitraryFromJsonSchema(prop, depth + 1, name)])),
    { requiredKeys: Object.keys(properties).filter((name) => required.has(name)) },
  ) as fc.Arbitrary<Record<string, unknown>>;
  const extra = schema.additionalProperties;
  if (!extra || typeof extra !== 'object' || Object.keys(properties).length > 0) return known;
  // A record (`z.record`): a few keys of the value schema.
  return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), arbitraryFromJsonSchema(extra as JsonSchema, depth + 1), { maxKeys: 3 });
}

/** An arbitrary for values of one JSON Schema (as zod writes it): mostly valid values. */
export function arbitraryFromJsonSchema(schema: JsonSchema, depth = 0, name?: string): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(union) && union.length > 0) return fc.oneof(...union.map((s) => arbitraryFromJsonSchema(s, depth, name)));
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) return arbitraryFromJsonSchema(schema.allOf[0] as JsonSchema, depth, name);
  if (Array.isArray(schema.type)) {
    return fc.oneof(...(schema.type as string[]).map((type) => arbitraryFromJsonSchema({ ...schema, type }, depth, name)));
  }
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema, name);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = arbitraryFromJsonSchema((schema.items ?? {}) as JsonSchema, depth + 1);
      const { lo, hi } = bounded(schema.minItems, schema.maxItems, 0, MAX_ARRAY);
      // Unique items: refinements such as "roles must not repeat" are invisible in JSON Schema.
      return fc.uniqueArray(items, { minLength: lo, maxLength: depth >= MAX_DEPTH ? lo : hi, selector: (v) => JSON.stringify(v) });
    }
    case 'object':
      return objectArbitrary(schema, depth);
    default:
      // `{}` (z.unknown(), z.any(), or what JSON Schema cannot say): any small JSON value.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Mostly valid values of a zod schema (its input side). */
export function arbitraryFromZod(schema: z.ZodType): fc.Arbitrary<unknown> {
  return arbitraryFromJsonSchema(toJson(schema, 'input'));
}

/** Mostly valid inputs of an operation (path, query and body fields in one object). */
export function validInputArbitrary(op: AnyOperation): fc.Arbitrary<Record<string, unknown>> {
  return arbitraryFromJsonSchema(operationSchemas(op).input) as fc.Arbitrary<Record<string, unknown>>;
}

/** Any hostile replacement for one field: a hostile string, a wrong type, or deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...WRONG_TYPE_VALUES) },
  { weight: 1, arbitrary: fc.integer({ min: 10, max: 2_000 }).map(deeplyNested) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

/**
 * Fuzzed inputs of an operation: valid ones, valid ones with one field (known or invented) replaced
 * by a hostile value, and valid ones with extra fields (including prototype keys).
 */
export function fuzzInputArbitrary(op: AnyOperation): fc.Arbitrary<Record<string, unknown>> {
  const valid = validInputArbitrary(op);
  const fields = Object.keys((operationSchemas(op).input.properties ?? {}) as Record<string, unknown>);
  const fieldName = fields.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }) : fc.string({ maxLength: 10 });
  const oneFieldHostile = fc.tuple(valid, fieldName, hostileValue).map(([input, field, value]) => ({ ...input, [field]: value }));
  const extraFields = fc
    .tuple(valid, fc.dictionary(fc.constantFrom('constructor', 'prototype', 'toString', 'id', 'tenant_id', 'organizationId', 'admin', 'scopes', 'x'), hostileValue, { maxKeys: 3 }))
    .map(([input, extra]) => ({ ...extra, ...input }));
  return fc.oneof({ weight: 3, arbitrary: valid }, { weight: 3, arbitrary: oneFieldHostile }, { weight: 1, arbitrary: extraFields });
}

/** Per operation, per suite run: ~15 ms a request on PGlite keeps both products' fuzz files near a minute. */
const DEFAULT_FUZZ_RUNS = 15;

/** Run count and seed for the fuzz suites: small and fixed by default, `FUZZ_RUNS` / `FUZZ_SEED` for long runs. */
export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): { runs: number; seed: number } {
  const runs = Number.parseInt(env.FUZZ_RUNS ?? '', 10);
  const seed = Number.parseInt(env.FUZZ_SEED ?? '', 10);
  return { runs: Number.isFinite(runs) && runs > 0 ? runs : DEFAULT_FUZZ_RUNS, seed: Number.isFinite(seed) ? seed : 23 };
}
