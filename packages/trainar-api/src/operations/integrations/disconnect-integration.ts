import { defineOperation } from '@platform/kit';
import { integrationRef, TenantIntegration } from '../../integration-schemas';

export default defineOperation({
  name: 'disconnect_integration',
  method: 'POST',
  path: '/api-tenant-integration-disconnect',
  queryParams: ['provider', 'integration_id'],
  title: 'Disconnect an integration',
  description: 'Disconnect an integration: tokens are revoked and deleted; imported tasks stay.',
  input: integrationRef,
  output: TenantIntegration,
  auth: 'required',
  scopes: ['manage:integrations'],
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  toolset: 'integrations',
  cli: ['integrations', 'disconnect'],
  summarize: (i) => `${i.provider_name} disconnected (${i.id}); its tasks stay. Reconnect with get_integration_connect_url.`,
});
