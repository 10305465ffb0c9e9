import { defineOperation, z } from '@platform/kit';
import { ApiKey, Id } from '../../schemas';

export default defineOperation({
  name: 'revoke_api_key',
  method: 'DELETE',
  path: '/api-tenant-api-keys',
  selectWhen: 'key_id',
  title: 'Revoke an API key',
  description: 'Revoke an API key (addressed as ?key_id=): every later call with it gets 401. Cannot be undone.',
  input: z.object({ key_id: Id.describe('API key id (UUID)') }),
  output: ApiKey,
  auth: 'required',
  scopes: ['manage:api_keys'],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  toolset: 'api_keys',
  cli: ['api-keys', 'revoke'],
  summarize: (k) => `Revoked key ${k.name} ${k.masked_key} at ${k.revoked_at}.`,
});
