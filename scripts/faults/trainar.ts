/**
 * @module TrainAR over real HTTP for the fault tests: a tenant and an API key made with trainar-admin
 * (through the running app on the embedded database, directly on PostgreSQL), glasses paired over
 * the device API, training sessions started and stopped as the glasses do, knowledge documents
 * uploaded for processing.
 */
import { runAdminCli } from '../../packages/trainar-server/src/admin/cli';
import type { Target } from './app';
import { expectStatus } from './http';

export interface Tenant {
  tenantId: string;
  key: string;
  /** The paired glasses' credential (tad_…). */
  device: string;
}

async function admin(target: Target, argv: string[]) {
  const out: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
  const code = await runAdminCli([...argv, '--json'], { env: { ...target.env, LOG_LEVEL: 'error' }, io });
  if (code !== 0) throw new Error(`trainar-admin ${argv[0]}: exit ${code}: ${out.join('\n')}`);
  return JSON.parse(out[out.length - 1]);
}

export async function createTenant(base: string, target: Target, label: string): Promise<Tenant> {
  const tenant = await admin(target, ['create-tenant', '--name', `Faults ${label}`, '--admin-email', `faults.${label}.${Date.now().toString(36)}@example.test`, '--admin-password', 'a long enough password']);
  const key = (await admin(target, ['create-key', '--tenant', tenant.tenant_id, '--name', 'faults', '--scopes', 'all'])).key as string;
  const code = await expectStatus(201, 'POST', `${base}/v1/api-tenant-devices-pairing-code`, { token: key, body: {} }).catch(() =>
    expectStatus(200, 'POST', `${base}/v1/api-tenant-devices-pairing-code`, { token: key, body: {} }),
  );
  const serial = `FLT${crypto.randomUUID().replace(/-/g, '').slice(0, 9).toUpperCase()}`;
  const paired = await expectStatus(201, 'POST', `${base}/v1/device/pair`, { body: { code: code.code, model: 'INMO Air 3', serial } });
  return { tenantId: tenant.tenant_id, key, device: paired.device_credential };
}

export async function startSession(base: string, t: Tenant): Promise<string> {
  return (await expectStatus(201, 'POST', `${base}/v1/device/sessions`, { token: t.device, body: { role: 'trainer' } })).id;
}

export async function session(base: string, t: Tenant, sessionId: string) {
  return (await expectStatus(200, 'GET', `${base}/v1/api-tenant-sessions?session_id=${sessionId}`, { token: t.key })) as { status: string; stopped_at: string | null; duration_seconds: number | null };
}

export async function minutes(base: string, t: Tenant): Promise<number> {
  return (await expectStatus(200, 'GET', `${base}/v1/api-tenant-minutes-balance`, { token: t.key })).remaining;
}

/** A markdown document of `sections` sections (~1,100 characters each: about one chunk per section). */
export function document(label: string, sections: number): string {
  const parts = [`# Safety manual ${label}`];
  for (let i = 1; i <= sections; i++) {
    parts.push(
      `## Procedure ${i}: torque check ${i}`,
      `Step ${i}. `.concat('Fit the socket, set the wrench to the value on the plate, pull until it clicks, mark the bolt with paint, and record the value in the log. '.repeat(7)),
    );
  }
  return parts.join('\n\n');
}

export async function uploadKnowledge(base: string, t: Tenant, label: string, sections: number): Promise<string> {
  return (await expectStatus(201, 'POST', `${base}/v1/api-tenant-knowledge`, { token: t.key, body: { name: `Manual ${label}`, content: document(label, sections), filename: `manual-${label}.md` } })).id;
}

export async function knowledge(base: string, t: Tenant, knowledgeId: string) {
  return (await expectStatus(200, 'GET', `${base}/v1/api-tenant-knowledge?knowledge_id=${knowledgeId}`, { token: t.key })) as {
    status: string;
    chunk_count: number;
    files: Array<{ status: string; chunk_count: number; error: string | null }>;
  };
}

/** A webhook for `task.created` at the receiver (loopback: dev mode, or ALLOW_PRIVATE_WEBHOOK_URLS=1 on PostgreSQL). */
export async function createWebhook(base: string, t: Tenant, url: string): Promise<string> {
  return (await expectStatus(201, 'POST', `${base}/v1/webhook-subscribe`, { token: t.key, body: { url, events: ['task.created'] } })).id;
}

export async function webhook(base: string, t: Tenant, endpointId: string) {
  return (await expectStatus(200, 'GET', `${base}/v1/webhook-subscribe?endpoint_id=${endpointId}`, { token: t.key })) as { is_active: boolean; failure_count: number };
}

/** A task through the API: one `task.created` event. */
export async function createTask(base: string, t: Tenant, title: string): Promise<string> {
  return (await expectStatus(201, 'POST', `${base}/v1/api-tenant-tasks`, { token: t.key, body: { title, priority: 'medium' } })).id;
}
