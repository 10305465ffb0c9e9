/**
 * @module ServiceM8 adapter, written against ServiceM8's documented public API: OAuth 2.0 at
 * go.servicem8.com (`/oauth/authorize`, `/oauth/access_token`, grant types authorization_code and
 * refresh_token, no documented revocation endpoint), and the REST API at
 * `https://api.servicem8.com/api_1.0/<object>.json` (bearer token): `staff.json` (uuid, first, last,
 * email, active), `job.json` (uuid, active, status, generated_job_id, job_address,
 * job_description, company_uuid), `company.json` (uuid, name), `jobactivity.json` (job_uuid,
 * staff_uuid, active, activity_was_scheduled: the engineer) and `jobnote.json` (POST
 * `{related_object: "job", related_object_uuid, note}`). Staff match users by email; open jobs
 * (Quote, Work Order) become tasks with customer, address and engineer [S: trainar.ai/integrations/servicem8].
 */
import type { ProviderApi } from '../http';
import { asArray, type ExternalJob, type ExternalStaff, type OAuthConfig, type ProviderAdapter, str } from './types';

export const SERVICEM8_SCOPES = ['read_jobs', 'manage_jobs', 'read_schedule', 'publish_job_notes', 'read_staff', 'read_customers'];
const OPEN_STATUSES = new Set(['Quote', 'Work Order']);

export interface ServiceM8Config {
  clientId?: string;
  clientSecret?: string;
  /** Overrides for a regional or test deployment; defaults are ServiceM8's documented URLs. */
  authorizeUrl?: string;
  tokenUrl?: string;
  apiUrl?: string;
}

export function serviceM8Adapter(config: ServiceM8Config): ProviderAdapter {
  const api = (config.apiUrl ?? 'https://api.servicem8.com/api_1.0').replace(/\/+$/, '');
  const oauth: OAuthConfig | null =
    config.clientId && config.clientSecret
      ? {
          authorizeUrl: config.authorizeUrl ?? 'https://go.servicem8.com/oauth/authorize',
          tokenUrl: config.tokenUrl ?? 'https://go.servicem8.com/oauth/access_token',
          revocationUrl: null,
          clientId: config.clientId,
          clientSecret: config.clientSecret,
          scopes: SERVICEM8_SCOPES,
          clientAuth: 'client_secret_post',
        }
      : null;
  return {
    info: { key: 'servicem8', name: 'ServiceM8', category: 'fsm', auth: 'oauth2', mcp_enabled: true, writeback: true },
    oauth,
    missingConfig: 'TRAINAR_SERVICEM8_CLIENT_ID and TRAINAR_SERVICEM8_CLIENT_SECRET (the App Id and App Secret of your ServiceM8 add-on)',

    async fetchStaff(client: ProviderApi): Promise<ExternalStaff[]> {
      const rows = asArray(await client.getJson(`${api}/staff.json`), 'staff.json');
      return rows
        .filter((s) => Number(s.active ?? 1) === 1 && str(s.email))
        .map((s) => ({ external_id: String(s.uuid), email: str(s.email) as string, name: [str(s.first), str(s.last)].filter(Boolean).join(' ') }));
    },

    async fetchJobs(client: ProviderApi, staff: ExternalStaff[]): Promise<ExternalJob[]> {
      const jobs = asArray(await client.getJson(`${api}/job.json?%24filter=active%20eq%201`), 'job.json').filter((j) => Number(j.active ?? 1) === 1 && OPEN_STATUSES.has(String(j.status)));
      if (jobs.length === 0) return [];
      const [companies, activities] = await Promise.all([client.getJson(`${api}/company.json`), client.getJson(`${api}/jobactivity.json?%24filter=active%20eq%201`)]);
      const customer = new Map(asArray(companies, 'company.json').map((c) => [String(c.uuid), str(c.name)]));
      const emailOf = new Map(staff.map((s) => [s.external_id, s.email]));
      const engineer = new Map<string, string>();
      for (const a of asArray(activities, 'jobactivity.json')) {
        const email = emailOf.get(String(a.staff_uuid));
        if (Number(a.active ?? 1) === 1 && Number(a.activity_was_scheduled ?? 1) === 1 && email && !engineer.has(String(a.job_uuid))) engineer.set(String(a.job_uuid), email);
      }
      return jobs.map((j) => {
        const uuid = String(j.uuid);
        const text = str(j.job_description) ?? '';
        const number = str(j.generated_job_id);
        const firstLine = text.split('\n')[0].slice(0, 150);
        const lines = [`Customer: ${customer.get(String(j.company_uuid)) ?? ''}`, `Address: ${str(j.job_address) ?? ''}`, `Status: ${str(j.status) ?? ''}`, text];
        return {
          external_id: uuid,
          title: `${number ? `Job ${number}` : 'Job'}${firstLine ? `: ${firstLine}` : ''}`,
          description: lines.filter((l) => l && !/:\s*$/.test(l)).join('\n') || null,
          assignee_email: engineer.get(uuid) ?? null,
          due_date: null,
        };
      });
    },

    async writeNote(client: ProviderApi, externalJobId: string, text: string): Promise<void> {
      await client.postJson(`${api}/jobnote.json`, { related_object: 'job', related_object_uuid: externalJobId, note: text });
    },
  };
}
