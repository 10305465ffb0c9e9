import { defineOperation, z } from '@platform/kit';
import { TenantIntegration } from '../../integration-schemas';

export default defineOperation({
  name: 'list_tenant_integrations',
  method: 'GET',
  path: '/api-tenant-integrations',
  title: 'List connected integrations',
  description: 'List integrations connected to your tenant, with status and last sync.',
  input: z.object({}),
  output: z.object({ integrations: z.array(TenantIntegration) }),
  auth: 'required',
  scopes: ['read:integrations'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'integrations',
  cli: ['integrations', 'list'],
  summarize: (out) =>
    out.integrations.length === 0
      ? 'No integrations. Start one with get_integration_connect_url.'
      : `${out.integrations.length} integration(s): ${out.integrations.map((i) => `${i.provider_name} ${i.status}, last sync ${i.last_sync_status ?? 'never'} (${i.id})`).join('; ')}.`,
});
