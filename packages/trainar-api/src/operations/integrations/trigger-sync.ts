import { defineOperation, z } from '@platform/kit';
import { integrationRef } from '../../integration-schemas';
import { Timestamp } from '../../schemas';

export default defineOperation({
  name: 'trigger_sync',
  method: 'POST',
  path: '/api-tenant-integration-sync',
  queryParams: ['provider', 'integration_id'],
  title: 'Trigger a sync',
  description: 'Manually trigger a sync for a connected integration (runs in the background).',
  input: integrationRef,
  output: z.object({ integration_id: z.string(), provider: z.string(), queued: z.literal(true), queued_at: Timestamp }),
  successStatus: 202,
  auth: 'required',
  scopes: ['manage:integrations'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  toolset: 'integrations',
  cli: ['integrations', 'sync'],
  summarize: (out) => `Sync of ${out.provider} queued (${out.integration_id}); see the result with get_integration_status.`,
});
