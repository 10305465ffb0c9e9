/**
 * @module Agent-auth calls (outside the Public API, OAuth wire shape `{error, error_description}`):
 * anonymous registration, starting the claim, polling the claim grant. Shared by MCP and CLI.
 */
import { createHttpClient, type HttpClient } from '@platform/kit';
import { opentrainApi } from '@opentrain/api';

export const CLAIM_GRANT_TYPE = 'urn:opentrain:agent-auth:grant-type:claim';

export class AgentAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description || error);
    this.name = 'AgentAuthError';
  }
}

export interface Registration {
  identity_type: string;
  registration_id: string;
  access_token: string;
  token_type: string;
  scopes: string[];
  claim_token: string;
  claim_token_expires_at: string;
  claim_endpoint: string;
  token_endpoint: string;
  grant_type: string;
}

export interface ClaimStart {
  user_code: string;
  verification_uri: string;
  expires_in: number;
  interval: number;
  email_sent: boolean;
}

export type ClaimPoll =
  | { status: 'claimed'; access_token: string; token_type: string; scopes: string[] }
  /** `interval`: the server's polling interval in seconds (raised after a slow_down), when it says. */
  | { status: 'authorization_pending' | 'slow_down'; description: string; interval?: number };

function client(baseUrl: string): HttpClient {
  // Writes are retried only when the request never reached the server (the kit client's rule).
  return createHttpClient(opentrainApi, { baseUrl, attempts: 3 });
}

function fail(status: number, body: unknown): never {
  const b = (body && typeof body === 'object' ? body : {}) as { error?: string; error_description?: string };
  throw new AgentAuthError(status, b.error ?? `http_${status}`, b.error_description ?? (typeof body === 'string' ? body.slice(0, 200) : ''));
}

export async function registerAgent(baseUrl: string, input: { agentName?: string; organizationName?: string }): Promise<Registration> {
  const json: Record<string, string> = { identity_type: 'anonymous' };
  if (input.agentName) json.agent_name = input.agentName;
  if (input.organizationName) json.organization_name = input.organizationName;
  const res = await client(baseUrl).request('POST', '/api/agent/identity', { json });
  if (res.status !== 200 && res.status !== 201) fail(res.status, res.body);
  return res.body as Registration;
}

export async function startClaim(baseUrl: string, input: { claimToken: string; email: string }): Promise<ClaimStart> {
  const res = await client(baseUrl).request('POST', '/api/agent/identity/claim', { json: { claim_token: input.claimToken, email: input.email } });
  if (res.status !== 200) fail(res.status, res.body);
  return res.body as ClaimStart;
}

/** One poll of the claim grant. Pending and slow_down are results, not errors. */
export async function pollClaim(baseUrl: string, claimToken: string): Promise<ClaimPoll> {
  const res = await client(baseUrl).request('POST', '/api/agent/oauth/token', { form: { grant_type: CLAIM_GRANT_TYPE, claim_token: claimToken } });
  if (res.status === 200) {
    const b = res.body as { access_token: string; token_type: string; scopes: string[] };
    return { status: 'claimed', ...b };
  }
  const b = (res.body ?? {}) as { error?: string; error_description?: string; interval?: unknown };
  if (res.status === 400 && (b.error === 'authorization_pending' || b.error === 'slow_down')) {
    const interval = typeof b.interval === 'number' && b.interval > 0 ? b.interval : undefined;
    return { status: b.error, description: b.error_description ?? '', ...(interval ? { interval } : {}) };
  }
  fail(res.status, res.body);
}
