import { defineOperation, z } from '@platform/kit';
import { ApiKey, limitField, offsetField, page } from '../../schemas';

export default defineOperation({
  name: 'list_api_keys',
  method: 'GET',
  path: '/api-tenant-api-keys',
  title: 'List API keys',
  description: 'List the API keys of your tenant, newest first: name, masked key, scopes, created, last used, revoked.',
  input: z.object({ limit: limitField(100), offset: offsetField() }),
  output: z.object({ api_keys: z.array(ApiKey), ...page }),
  auth: 'required',
  scopes: ['manage:api_keys'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'api_keys',
  cli: ['api-keys', 'list'],
  summarize: (out) =>
    out.api_keys.length === 0
      ? 'No API keys.'
      : `${out.api_keys.length} of ${out.total} key(s): ${out.api_keys.map((k) => `${k.name} ${k.masked_key} [${k.scopes.join(' ')}]${k.revoked ? ' revoked' : ''} (${k.id})`).join('; ')}.`,
});
