import { defineOperation } from '@platform/kit';
import { integrationRef, TenantIntegration } from '../../integration-schemas';

export default defineOperation({
  name: 'get_integration_status',
  method: 'GET',
  path: '/api-tenant-integration-status',
  title: 'Get integration status',
  description: 'Check the connection status of an integration: last sync, errors, write-back queue.',
  input: integrationRef,
  output: TenantIntegration,
  auth: 'required',
  scopes: ['read:integrations'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  toolset: 'integrations',
  cli: ['integrations', 'status'],
  summarize: (i) =>
    `${i.provider_name} ${i.status}; last sync ${i.last_sync_at ? `${i.last_sync_status} at ${i.last_sync_at}` : 'never'}${i.last_sync_error ? ` (${i.last_sync_error})` : ''}; write-backs pending ${i.writebacks.pending}, failed ${i.writebacks.failed}.`,
});
