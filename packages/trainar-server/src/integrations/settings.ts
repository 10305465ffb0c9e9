/**
 * @module Integration settings (TrainArSettings.integrations) and their environment variables:
 * the ServiceM8 client, generic providers (TRAINAR_INTEGRATION_PROVIDERS: JSON, or a path to a JSON
 * file), the auto-sync interval and the write-back retry schedule. docs/trainar-integrations.md.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_RETRY_SCHEDULE_MS, type UrlAllowance } from '@platform/kit';
import { GenericProviderList } from './providers/generic';
import type { ProviderSettings } from './providers/registry';

export interface IntegrationSettings extends ProviderSettings {
  /** Who provider URLs may point at (the webhook rule: loopback in dev mode, private with ALLOW_PRIVATE_WEBHOOK_URLS). */
  urlAllowance?: UrlAllowance;
  /** Minutes between automatic syncs of a new connection (default 15 [S: SHOT "every 15 m"]). */
  autoSyncIntervalMin?: number;
  /** Waits before write-back attempts 2, 3, … (default 1, 5, 30, 120 min, as webhooks). */
  writebackRetryScheduleMs?: readonly number[];
}

export const DEFAULT_AUTO_SYNC_MIN = 15;
export const DEFAULT_WRITEBACK_RETRIES = DEFAULT_RETRY_SCHEDULE_MS;

/** Reads the provider variables; a bad value throws naming the variable and the field. */
export function integrationSettingsFromEnv(env: Record<string, string | undefined> = process.env): IntegrationSettings {
  const raw = env.TRAINAR_INTEGRATION_PROVIDERS?.trim();
  let generic: IntegrationSettings['generic'];
  if (raw) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw.startsWith('[') ? raw : readFileSync(raw, 'utf8'));
    } catch (err) {
      throw new Error(`TRAINAR_INTEGRATION_PROVIDERS: expected a JSON array or the path of a JSON file (${(err as Error).message})`);
    }
    const result = GenericProviderList.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`TRAINAR_INTEGRATION_PROVIDERS: ${issue.path.join('.') || '(list)'}: ${issue.message}`);
    }
    generic = result.data;
  }
  const interval = env.TRAINAR_INTEGRATION_SYNC_MINUTES;
  if (interval !== undefined && !(Number.isInteger(Number(interval)) && Number(interval) >= 1)) throw new Error('TRAINAR_INTEGRATION_SYNC_MINUTES: expected a whole number of minutes (1 or more)');
  return {
    servicem8: {
      clientId: env.TRAINAR_SERVICEM8_CLIENT_ID || undefined,
      clientSecret: env.TRAINAR_SERVICEM8_CLIENT_SECRET || undefined,
      authorizeUrl: env.TRAINAR_SERVICEM8_AUTHORIZE_URL || undefined,
      tokenUrl: env.TRAINAR_SERVICEM8_TOKEN_URL || undefined,
      apiUrl: env.TRAINAR_SERVICEM8_API_URL || undefined,
    },
    generic,
    autoSyncIntervalMin: interval === undefined ? undefined : Number(interval),
  };
}
