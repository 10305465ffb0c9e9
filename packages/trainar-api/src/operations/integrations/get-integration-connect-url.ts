import { defineOperation, z } from '@platform/kit';
import { Timestamp } from '../../schemas';

export default defineOperation({
  name: 'get_integration_connect_url',
  method: 'POST',
  path: '/api-tenant-integration-connect-url',
  title: 'Get an integration connect URL',
  description: 'A URL that begins the OAuth connection flow; a person opens it and consents (valid 10 minutes).',
  input: z.object({ provider: z.string().max(64).describe('Provider key (from list_integrations)') }),
  output: z.object({ provider: z.string(), connect_url: z.string(), expires_at: Timestamp }),
  successStatus: 201,
  auth: 'required',
  scopes: ['manage:integrations'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  toolset: 'integrations',
  cli: ['integrations', 'connect-url'],
  summarize: (out) => `Open ${out.connect_url} to connect ${out.provider} (until ${out.expires_at}); then check get_integration_status.`,
});
