/**
 * @module One request per string input of every operation, with a NUL byte in that one field
 * (path parameter, query field, body field or a field one object deep), for the suites that prove
 * every operation answers 400 naming the field, never a 500.
 */
import type { ApiDefinition } from '../operations/api';
import { type AnyOperation, fillPath, isQueryField, pathParams } from '../operations/define';
import { type JsonSchema, operationSchemas, primitiveType, propertiesOf } from '../operations/json-schema';

export interface ControlCharacterProbe {
  operation: string;
  method: string;
  /** Absolute path (API base included) with the query string. */
  url: string;
  body?: Record<string, unknown>;
  /** The field the 400 must name. */
  field: string;
}

const BAD = 'probe\u0000value';
const PLACEHOLDER = 'probe-id';

function stringField(prop: JsonSchema): 'string' | 'array' | 'object' | null {
  const type = primitiveType(prop);
  if (type === 'string') return 'string';
  if (type === 'array' && primitiveType(prop.items as JsonSchema) === 'string') return 'array';
  if (type === 'object') return 'object';
  return null;
}

function probesOf(api: ApiDefinition, op: AnyOperation): ControlCharacterProbe[] {
  const params = pathParams(op.path);
  const base = Object.fromEntries(params.map((p) => [p, PLACEHOLDER]));
  const url = (pathInput: Record<string, unknown>, query?: [string, string]) =>
    `${api.basePath}${fillPath(op.path, pathInput)}${query ? `?${new URLSearchParams([query]).toString()}` : ''}`;
  const probes: ControlCharacterProbe[] = params.map((p) => ({ operation: op.name, method: op.method, url: url({ ...base, [p]: BAD }), field: p }));
  for (const [name, prop] of Object.entries(propertiesOf(operationSchemas(op).input))) {
    if (params.includes(name)) continue;
    const kind = stringField(prop);
    if (!kind) continue;
    if (isQueryField(op, name)) {
      if (kind !== 'object') probes.push({ operation: op.name, method: op.method, url: url(base, [name, BAD]), field: name });
      continue;
    }
    if (kind === 'string') probes.push({ operation: op.name, method: op.method, url: url(base), body: { [name]: BAD }, field: name });
    if (kind === 'array') probes.push({ operation: op.name, method: op.method, url: url(base), body: { [name]: [BAD] }, field: `${name}.0` });
    if (kind === 'object') {
      for (const [inner, innerProp] of Object.entries(propertiesOf(prop))) {
        if (stringField(innerProp) === 'string') probes.push({ operation: op.name, method: op.method, url: url(base), body: { [name]: { [inner]: BAD } }, field: `${name}.${inner}` });
      }
    }
  }
  return probes;
}

export function controlCharacterProbes(api: ApiDefinition): ControlCharacterProbe[] {
  return api.operations.flatMap((op) => probesOf(api, op));
}

/**
 * Sends every probe to the running app with `token`; returns one line per probe whose answer is not
 * a 400 that `namesField` accepts (empty when every operation refuses NUL properly).
 */
export async function controlCharacterProbeFailures(
  baseUrl: string,
  api: ApiDefinition,
  token: string,
  namesField: (body: Record<string, unknown>, field: string) => boolean,
): Promise<string[]> {
  const failures: string[] = [];
  for (const probe of controlCharacterProbes(api)) {
    const res = await fetch(`${baseUrl}${probe.url}`, {
      method: probe.method,
      headers: { Authorization: `Bearer ${token}`, ...(probe.body ? { 'Content-Type': 'application/json' } : {}) },
      body: probe.body ? JSON.stringify(probe.body) : undefined,
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.status !== 400 || !namesField(body, probe.field)) failures.push(`${probe.operation} ${probe.field}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  }
  return failures;
}
