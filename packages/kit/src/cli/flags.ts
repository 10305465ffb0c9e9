/**
 * @module Turning command-line text into operation input: typed flag values, `--set key=value`
 * pairs (typed from the target schema when it is known), and `--<flag>-file <path|->` text sources.
 */
import { readFile } from 'node:fs/promises';
import { CommanderError } from 'commander';
import { type JsonSchema, primitiveType, propertiesOf } from '../operations/json-schema';
import { EXIT } from './exit-codes';

export const kebab = (s: string) =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
export const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function usageError(message: string): CommanderError {
  return new CommanderError(EXIT.usage, 'usage', message);
}

/** A flag value typed from the property's schema; bad numbers and bad JSON are usage errors. */
export function parseFlagValue(raw: string, prop: JsonSchema | undefined, flag: string): unknown {
  const type = primitiveType(prop);
  if (type === 'number' || type === 'integer') {
    const n = Number(raw);
    if (raw.trim() === '' || Number.isNaN(n)) throw usageError(`--${flag} expects a number, got "${raw}"`);
    return n;
  }
  if (type === 'boolean') {
    if (raw === 'true' || raw === 'false') return raw === 'true';
    throw usageError(`--${flag} expects true or false, got "${raw}"`);
  }
  if (type === 'object') {
    try {
      return JSON.parse(raw);
    } catch {
      throw usageError(`--${flag} expects JSON, e.g. --${flag} '{"key":"value"}'`);
    }
  }
  return raw;
}

/** Where `--set key=value` pairs go: the operation's object field (e.g. `fields`), or the top level. */
export interface SetTarget {
  /** Input field holding the pairs; undefined = top-level input fields. */
  field?: string;
  schema: JsonSchema;
}

export function findSetTarget(props: Record<string, JsonSchema>, params: string[]): SetTarget | undefined {
  const objects = Object.entries(props).filter(([name, prop]) => !params.includes(name) && primitiveType(prop) === 'object');
  const named = objects.find(([name]) => name === 'fields') ?? (objects.length === 1 ? objects[0] : undefined);
  if (named) return { field: named[0], schema: named[1] };
  const topLevel = Object.fromEntries(Object.entries(props).filter(([name]) => !params.includes(name)));
  if (Object.keys(topLevel).length === 0) return undefined;
  return {
    schema: {
      type: 'object',
      properties: topLevel,
      additionalProperties: false,
    },
  };
}

function allowsNull(prop: JsonSchema | undefined): boolean {
  if (!prop) return false;
  if (prop.type === 'null' || (Array.isArray(prop.type) && prop.type.includes('null'))) return true;
  return ((prop.anyOf ?? prop.oneOf) as JsonSchema[] | undefined)?.some(allowsNull) ?? false;
}

function setValue(raw: string, prop: JsonSchema | undefined, key: string): unknown {
  // `key=null` clears a nullable field.
  if (raw === 'null' && allowsNull(prop)) return null;
  const type = primitiveType(prop);
  if (type === 'string') return raw;
  if (type === 'array') {
    if (raw.trim().startsWith('[')) return parseFlagValue(raw, { type: 'object' }, `set ${key}`);
    const itemType = prop?.items as JsonSchema | undefined;
    return raw
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)
      .map((v) => setValue(v, itemType, key));
  }
  if (type) return parseFlagValue(raw, prop, `set ${key}`);
  // Unknown type (a record of any value): JSON when it parses (numbers, booleans, lists), else text.
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** Applies `key=value` pairs to `target`, typing each value from the target schema. */
export function applySetPairs(pairs: string[], target: SetTarget, into: Record<string, unknown>): void {
  const known = propertiesOf(target.schema);
  const additional = target.schema.additionalProperties;
  const closed = additional === false || (additional === undefined && Object.keys(known).length > 0 && target.field === undefined);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw usageError(`--set expects key=value, got "${pair}" (e.g. --set experienceLevel=INTERMEDIATE)`);
    const rawKey = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1);
    const key = rawKey in known ? rawKey : camel(rawKey) in known ? camel(rawKey) : rawKey;
    if (!(key in known) && closed) {
      throw usageError(`--set ${rawKey}: unknown key. Known keys: ${Object.keys(known).join(', ')}`);
    }
    const prop = known[key] ?? (typeof additional === 'object' ? (additional as JsonSchema) : undefined);
    into[key] = setValue(value, prop, key);
  }
}

/** Reads a text source: a file path, or `-` for standard input. */
export async function readTextSource(source: string, flag: string): Promise<string> {
  if (source === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(source, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw usageError(`--${flag}: cannot read "${source}" (${code === 'ENOENT' ? 'no such file' : (code ?? (err as Error).message)}). Pass a readable file, or - to read standard input.`);
  }
}
