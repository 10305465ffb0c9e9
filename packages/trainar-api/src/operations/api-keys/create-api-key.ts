import { defineOperation, z } from '@platform/kit';
import { ApiKey, ScopeName } from '../../schemas';

export default defineOperation({
  name: 'create_api_key',
  method: 'POST',
  path: '/api-tenant-api-keys',
  title: 'Create an API key',
  description: 'Create a tak_ API key with the given scopes (only scopes your own key has); the full key is returned once.',
  input: z.object({
    name: z.string().trim().min(1).max(100).describe('A name that says who or what uses the key'),
    scopes: z
      .array(ScopeName)
      .min(1, { message: 'give at least one scope' })
      .refine((s) => new Set(s).size === s.length, { message: 'scopes must not repeat' })
      .describe('Scopes to grant, e.g. ["read:tasks","write:tasks"]'),
  }),
  output: ApiKey.extend({ key: z.string().describe('The full key: shown only in this response, store it now') }),
  auth: 'required',
  scopes: ['manage:api_keys'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  successStatus: 201,
  toolset: 'api_keys',
  cli: ['api-keys', 'create'],
  summarize: (k) => `Created key ${k.name} (${k.id}) with ${k.scopes.join(', ')}: ${k.key} (shown once: store it now).`,
});
