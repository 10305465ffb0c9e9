/** @module Row → API shape for a tenant's integration (one place, so REST, MCP and the page agree). */
import type { TenantIntegration } from '@trainar/api';
import { iso } from '../platform/db';
import type { TenantIntegrationsTable } from './migrations';

export interface WritebackCounts {
  pending: number;
  failed: number;
  sent: number;
  last_error: string | null;
  last_sent_at: Date | null;
}

export function presentIntegration(row: TenantIntegrationsTable, providerName: string, writebacks: WritebackCounts): TenantIntegration {
  return {
    id: row.id,
    provider: row.provider,
    provider_name: providerName,
    status: row.status,
    sync_direction: 'import_export',
    auto_sync_interval_min: row.auto_sync_interval_min,
    writeback_enabled: row.writeback_enabled,
    connected_at: iso(row.connected_at),
    last_sync_at: iso(row.last_sync_at),
    last_sync_status: row.last_sync_status,
    last_sync_error: row.last_sync_error,
    last_sync_summary: (row.last_sync_summary as TenantIntegration['last_sync_summary']) ?? null,
    next_sync_at: iso(row.next_sync_at),
    token_expires_at: iso(row.token_expires_at),
    writebacks: { ...writebacks, last_sent_at: iso(writebacks.last_sent_at) },
  };
}
