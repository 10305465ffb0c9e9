/**
 * @module A skill's `parameters_schema`: checked as a JSON Schema when saved (ajv's meta-schema,
 * then a trial compile, so unknown `$ref`s and bad patterns are caught), and used to check the
 * arguments of every execution. Errors name the offending path for the caller.
 */
import { badRequest } from '@platform/kit';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: under Node's ESM loader the plugin is the default export's `default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

function newAjv(): Ajv {
  // strict: false — authors write schemas by hand (and the dashboard's "View JSON Schema"), where
  // unknown keywords like `examples` or `x-ui` are common and harmless.
  const ajv = new Ajv({ allErrors: false, strict: false, validateSchema: true });
  addFormats(ajv);
  return ajv;
}

const metaChecker = newAjv();
/** Compiled validators by schema text; bounded, so many distinct schemas cannot grow memory without end. */
const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 500;
const MAX_SCHEMA_BYTES = 64 * 1024;

const describeError = (e: ErrorObject): string => `${e.instancePath || '(top level)'} ${e.message ?? 'is invalid'}`;

function compile(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    // A fresh instance per schema: ajv keeps every compiled schema, and ids could collide across tenants.
    validate = newAjv().compile(schema);
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, validate);
  }
  return validate;
}

/** Refuses a parameters_schema that is not a valid JSON Schema for an arguments object (400 naming the field). */
export function assertParametersSchema(schema: Record<string, unknown>, field = 'parameters_schema'): void {
  if (JSON.stringify(schema).length > MAX_SCHEMA_BYTES) throw badRequest(`${field} is larger than 64 KB.`, { field });
  if (schema.type !== 'object') {
    throw badRequest(`${field} must describe the arguments object: set "type": "object" and list the parameters under "properties".`, { field: `${field}.type` });
  }
  if (!metaChecker.validateSchema(schema)) {
    const first = metaChecker.errors?.[0];
    const at = first?.instancePath ? `${field}${first.instancePath.replace(/\//g, '.')}` : field;
    throw badRequest(`${field} is not a valid JSON Schema: ${at} ${first?.message ?? 'is invalid'}.`, { field: at, issues: metaChecker.errors?.map(describeError) });
  }
  try {
    compile(schema);
  } catch (err) {
    throw badRequest(`${field} is not a usable JSON Schema: ${(err as Error).message}.`, { field });
  }
}

/** Checks arguments against the skill's schema; 400 naming `arguments<path>` (e.g. arguments.part_number). */
export function assertArguments(skillName: string, schema: Record<string, unknown>, args: Record<string, unknown>): void {
  const validate = compile(schema);
  if (validate(args)) return;
  const first = validate.errors?.[0] as ErrorObject;
  const missing = first.keyword === 'required' ? `.${(first.params as { missingProperty: string }).missingProperty}` : '';
  const path = `arguments${first.instancePath.replace(/\//g, '.')}${missing}`;
  const what = first.keyword === 'required' ? 'is required' : (first.message ?? 'is invalid');
  throw badRequest(`${path} ${what} (skill ${skillName}; see its parameters_schema with get_skill).`, { field: path, issues: validate.errors?.map(describeError) });
}

/** Number of declared parameters (the dashboard's parameter count). */
export const parameterCount = (schema: Record<string, unknown>): number => (schema.properties && typeof schema.properties === 'object' ? Object.keys(schema.properties).length : 0);
