/**
 * @module The OpenAPI 3.1 document, derived from the operation registry (paths, parameters,
 * bodies, responses, the error envelope on every operation, bearer security and scopes).
 */
import type { ApiDefinition } from '../operations/api';
import { isQueryField, pathParams } from '../operations/define';
import { type JsonSchema, operationSchemas, propertiesOf, requiredOf, toJson } from '../operations/json-schema';

export interface OpenApiOptions {
  serverUrl?: string;
  description?: string;
  /** JSON Schema of the product's error envelope. */
  errorSchema: JsonSchema;
}

const ERROR_STATUSES: Record<string, string> = {
  '400': 'Invalid input: `details.field` names the offending field.',
  '401': 'Missing, malformed, unknown, expired or revoked token.',
  '403': 'The token lacks a required scope, or a product gate refused the call.',
  '404': 'Not found (or not visible to this caller).',
  '409': 'Conflict with the current state.',
  '429': 'Rate limited: retry after `Retry-After` seconds.',
};

export function buildOpenApi(api: ApiDefinition, options: OpenApiOptions): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of api.operations) {
    const schemas = operationSchemas(op);
    const params = pathParams(op.path);
    const props = propertiesOf(schemas.input);
    const required = new Set(requiredOf(schemas.input));
    const parameters: unknown[] = params.map((name) => ({ name, in: 'path', required: true, schema: props[name] ?? { type: 'string' } }));
    let requestBody: unknown;
    const rest = Object.fromEntries(Object.entries(props).filter(([k]) => !params.includes(k)));
    const bodyProps: Record<string, JsonSchema> = {};
    for (const [name, schema] of Object.entries(rest)) {
      if (isQueryField(op, name)) parameters.push({ name, in: 'query', required: required.has(name), schema, description: schema.description });
      else bodyProps[name] = schema;
    }
    if (Object.keys(bodyProps).length > 0) {
      const bodyRequired = [...required].filter((k) => k in bodyProps);
      requestBody = {
        required: bodyRequired.length > 0,
        content: { 'application/json': { schema: { ...schemas.input, properties: bodyProps, required: bodyRequired.length ? bodyRequired : undefined } } },
      };
    }
    const headers = (cacheControl: string | undefined) => {
      const declared: Record<string, unknown> = {};
      if (op.http?.cors) declared['Access-Control-Allow-Origin'] = { description: 'Any origin may read this answer.', schema: { const: '*' } };
      if (cacheControl) declared['Cache-Control'] = { schema: { const: cacheControl } };
      return Object.keys(declared).length ? declared : undefined;
    };
    const responses: Record<string, unknown> = {
      [String(op.successStatus ?? 200)]: { description: 'Success', headers: headers(op.http?.cacheControl), content: { 'application/json': { schema: schemas.output } } },
    };
    for (const [status, other] of Object.entries(op.otherResponses ?? {})) {
      responses[status] = { description: other.description, headers: headers(other.cacheControl ?? op.http?.cacheControl), content: { 'application/json': { schema: toJson(other.schema, 'output') } } };
    }
    for (const [status, description] of Object.entries(ERROR_STATUSES)) {
      if (status === '401' && op.auth === 'none') continue;
      if (status in responses) continue;
      responses[status] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    const method = op.method.toLowerCase();
    // OpenAPI allows one operation per method and path; a query-selected variant gets its own key.
    const key = op.selectWhen ? `${op.path}?${op.selectWhen}` : op.path;
    paths[key] ??= {};
    paths[key][method] = {
      operationId: op.name,
      summary: op.title ?? op.description,
      description: op.description,
      tags: op.toolset ? [op.toolset] : undefined,
      parameters: parameters.length ? parameters : undefined,
      requestBody,
      responses,
      security: op.auth === 'none' ? [] : op.auth === 'optional' ? [{}, { bearer: op.scopes }] : [{ bearer: op.scopes }],
      'x-scopes': op.scopes,
      'x-gates': op.gates ?? [],
      'x-mcp-annotations': op.annotations,
    };
  }
  return JSON.parse(
    JSON.stringify({
      openapi: '3.1.0',
      info: { title: api.title, version: api.version, description: options.description },
      servers: [{ url: `${options.serverUrl ?? ''}${api.basePath}` }],
      paths,
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
        schemas: { Error: options.errorSchema },
      },
    }),
  );
}
