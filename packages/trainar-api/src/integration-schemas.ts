/**
 * @module Integration shapes (spec 2.10): the providers this server can connect (registry), a
 * tenant's connection with its sync and write-back state, and the ways to name one connection.
 */
import { z } from '@platform/kit';
import { Id, Timestamp } from './schemas';

export const INTEGRATION_CATEGORIES = ['fsm', 'automation', 'parts'] as const;
export const INTEGRATION_STATUSES = ['pending', 'connected', 'error', 'disconnected'] as const;

export const IntegrationProvider = z.object({
  key: z.string().describe('Provider key, e.g. servicem8'),
  name: z.string(),
  category: z.enum(INTEGRATION_CATEGORIES).describe('fsm: field-service management'),
  auth: z.literal('oauth2').describe('OAuth 2.0 authorization code with PKCE'),
  mcp_enabled: z.boolean().describe('The provider also offers an MCP server for the glasses AI'),
  configured: z.boolean().describe('False until the operator sets the provider client id and secret'),
  writeback: z.boolean().describe('Session results are posted back as a note on the external job'),
});
export type IntegrationProvider = z.infer<typeof IntegrationProvider>;

export const SyncSummary = z.object({
  jobs: z.number().int().describe('Jobs read from the provider'),
  created: z.number().int().describe('Tasks created'),
  updated: z.number().int().describe('Tasks whose title, description or assignee changed'),
  unchanged: z.number().int(),
  staff: z.number().int().describe('Staff read from the provider'),
  staff_matched: z.number().int().describe('Staff matched to users by email'),
});

export const TenantIntegration = z.object({
  id: z.string().describe('Integration id (UUID)'),
  provider: z.string(),
  provider_name: z.string(),
  status: z.enum(INTEGRATION_STATUSES).describe('pending: consent not finished; error: tokens refused, reconnect'),
  sync_direction: z.literal('import_export').describe('Jobs imported as tasks; session results exported as notes'),
  auto_sync_interval_min: z.number().int(),
  writeback_enabled: z.boolean(),
  connected_at: Timestamp.nullable(),
  last_sync_at: Timestamp.nullable(),
  last_sync_status: z.enum(['succeeded', 'failed']).nullable(),
  last_sync_error: z.string().nullable(),
  last_sync_summary: SyncSummary.nullable(),
  next_sync_at: Timestamp.nullable(),
  token_expires_at: Timestamp.nullable().describe('Access token expiry; refreshed before it'),
  writebacks: z.object({
    pending: z.number().int().describe('Notes waiting for a (re)try'),
    failed: z.number().int().describe('Notes given up on after every retry'),
    sent: z.number().int(),
    last_error: z.string().nullable(),
    last_sent_at: Timestamp.nullable(),
  }),
});
export type TenantIntegration = z.infer<typeof TenantIntegration>;

/** `{provider | integration_id}` [S: MCP]: exactly one names the connection. */
export const integrationRef = z
  .object({
    provider: z.string().max(64).optional().describe('Provider key (from list_integrations)'),
    integration_id: Id.optional().describe('Or the integration id'),
  })
  .refine((v) => (v.provider === undefined) !== (v.integration_id === undefined), { message: 'give exactly one of provider or integration_id', path: ['provider'] });
