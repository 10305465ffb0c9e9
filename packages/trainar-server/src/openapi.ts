/** @module TrainAR's OpenAPI document, derived from the operation list (served at /v1/openapi.json). */
import { buildOpenApi } from '@platform/kit';
import { trainarApi, trainarErrorSchema } from '@trainar/api';

export function trainarOpenApi(serverUrl: string): Record<string, unknown> {
  return buildOpenApi(trainarApi, {
    serverUrl,
    errorSchema: trainarErrorSchema,
    description: 'TrainAR Tenant REST API. Authenticate with Authorization: Bearer tak_…; single resources are addressed with query parameters (?user_id=).',
  });
}
