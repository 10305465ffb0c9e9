/**
 * @module The provider interface every integration implements: who it is (registry entry), where
 * its OAuth 2.0 endpoints are, and the three calls the sync and write-back make over its JSON API
 * (staff, jobs, a note on a job). Connect, status and disconnect are the same for every provider
 * (service.ts over oauth.ts); what differs per system is only here.
 */
import type { IntegrationProvider } from '@trainar/api';
import type { ProviderApi } from '../http';

export interface OAuthConfig {
  authorizeUrl: string;
  tokenUrl: string;
  /** RFC 7009 endpoint; null when the provider documents none (disconnect then only forgets the tokens). */
  revocationUrl: string | null;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  clientAuth: 'client_secret_post' | 'client_secret_basic';
}

/** A job of the external system, as a task will hold it. */
export interface ExternalJob {
  external_id: string;
  title: string;
  description: string | null;
  /** The engineer's email, matched to a tenant user (case-insensitive). */
  assignee_email: string | null;
  due_date: string | null;
}

export interface ExternalStaff {
  external_id: string;
  email: string;
  name: string;
}

export interface ProviderAdapter {
  info: Omit<IntegrationProvider, 'configured'>;
  /** null until the operator configures the client; `missingConfig` names what to set. */
  oauth: OAuthConfig | null;
  missingConfig: string;
  fetchStaff(api: ProviderApi): Promise<ExternalStaff[]>;
  fetchJobs(api: ProviderApi, staff: ExternalStaff[]): Promise<ExternalJob[]>;
  /** Posts `text` as a note on the external job (write-back). */
  writeNote(api: ProviderApi, externalJobId: string, text: string): Promise<void>;
}

export const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null);

export function asArray(value: unknown, what: string): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new Error(`${what}: expected a JSON array`);
  return value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
}
