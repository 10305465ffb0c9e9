import { defineOperation, z } from '@platform/kit';
import { IntegrationProvider } from '../../integration-schemas';

export default defineOperation({
  name: 'list_integrations',
  method: 'GET',
  path: '/api-tenant-integration-providers',
  title: 'List integration providers',
  description: 'List available integration providers (key, name, category, auth, MCP-enabled, configured).',
  input: z.object({}),
  output: z.object({ providers: z.array(IntegrationProvider) }),
  auth: 'required',
  scopes: ['read:integrations'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'integrations',
  cli: ['integrations', 'providers'],
  summarize: (out) =>
    out.providers.length === 0 ? 'No providers.' : `${out.providers.length} provider(s): ${out.providers.map((p) => `${p.name} (${p.key}${p.configured ? '' : ', not configured'})`).join('; ')}.`,
});
