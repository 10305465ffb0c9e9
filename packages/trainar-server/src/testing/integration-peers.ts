/**
 * @module Test peers for the integrations tests (not shipped behaviour): a real OAuth 2.0 server
 * (`oauth2-mock-server`: authorization code with PKCE checked, refresh, RFC 7009 revocation) and a
 * local HTTP server speaking ServiceM8's documented REST shape (`/api_1.0/staff.json`, `job.json`,
 * `company.json`, `jobactivity.json`, POST `jobnote.json`) plus a generic jobs/notes API. The peers
 * record what they received (grants, bearer tokens, notes) and can be told to fail (an outage).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth2Server } from 'oauth2-mock-server';
import type { IntegrationSettings } from '../integrations/settings';

export interface OAuthPeer {
  url: string;
  server: OAuth2Server;
  /** grant_type of every token request, in order. */
  grants: string[];
  /** Tokens revoked (RFC 7009 bodies). */
  revoked: string[];
  /** Seconds until issued access tokens expire (default 3600). */
  expiresIn: number;
  /** Refresh-token grants answer 400 invalid_grant (a revoked consent). */
  refuseRefresh: boolean;
  close(): Promise<void>;
}

export async function startOAuthPeer(): Promise<OAuthPeer> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  const url = `http://127.0.0.1:${server.address().port}`;
  server.issuer.url = url;
  const peer: OAuthPeer = { url, server, grants: [], revoked: [], expiresIn: 3600, refuseRefresh: false, close: () => server.stop() };
  server.service.on('beforeResponse', (response: { body: Record<string, unknown>; statusCode: number }, req: { body: Record<string, string> }) => {
    peer.grants.push(req.body.grant_type);
    if (peer.refuseRefresh && req.body.grant_type === 'refresh_token') {
      response.statusCode = 400;
      response.body = { error: 'invalid_grant', error_description: 'refresh token revoked' };
      return;
    }
    // A plain OAuth 2.0 provider (as ServiceM8): no OpenID id_token; our expiry.
    delete response.body.id_token;
    response.body.expires_in = peer.expiresIn;
  });
  // Every token distinct, as a real provider's are: the mock signs the same claims within one
  // second into the same JWT, and a refresh would then hand back the old access token.
  server.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => {
    token.payload.jti = randomUUID();
  });
  server.service.on('beforeRevoke', (_res: unknown, req: IncomingMessage & { body?: Record<string, string> }) => {
    peer.revoked.push(req.body?.token ?? '');
  });
  return peer;
}

export interface ApiPeer {
  url: string;
  staff: Record<string, unknown>[];
  jobs: Record<string, unknown>[];
  companies: Record<string, unknown>[];
  activities: Record<string, unknown>[];
  /** Generic provider: `{ data: { items: [...] } }`. */
  genericJobs: Record<string, unknown>[];
  /** Notes received: ServiceM8 jobnote.json bodies, or `{ path, body }` for the generic API. */
  notes: Record<string, unknown>[];
  /** Bearer tokens seen, in order. */
  tokens: string[];
  /** The next N requests whose path contains `failPath` answer 503 (an outage). */
  fail: { path: string; remaining: number };
  close(): Promise<void>;
}

export async function startApiPeer(): Promise<ApiPeer> {
  const peer = { staff: [], jobs: [], companies: [], activities: [], genericJobs: [], notes: [], tokens: [], fail: { path: '', remaining: 0 } } as unknown as ApiPeer;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      const auth = req.headers.authorization ?? '';
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (!auth.startsWith('Bearer ')) return json(401, { errorCode: 401, message: 'Your OAuth2 token is incorrect or has expired' });
      peer.tokens.push(auth.slice(7));
      if (peer.fail.remaining > 0 && path.includes(peer.fail.path)) {
        peer.fail.remaining--;
        res.writeHead(503, { 'Content-Type': 'text/plain' });
        return res.end('Service temporarily unavailable');
      }
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
      if (req.method === 'GET' && path === '/api_1.0/staff.json') return json(200, peer.staff);
      if (req.method === 'GET' && path === '/api_1.0/job.json') return json(200, peer.jobs);
      if (req.method === 'GET' && path === '/api_1.0/company.json') return json(200, peer.companies);
      if (req.method === 'GET' && path === '/api_1.0/jobactivity.json') return json(200, peer.activities);
      if (req.method === 'POST' && path === '/api_1.0/jobnote.json') {
        if (body?.related_object !== 'job' || !body.related_object_uuid || !body.note) return json(400, { message: 'related_object, related_object_uuid and note are required' });
        peer.notes.push(body);
        return json(200, { errorCode: 0, message: 'OK' });
      }
      if (req.method === 'GET' && path === '/generic/jobs') return json(200, { data: { items: peer.genericJobs } });
      const note = path.match(/^\/generic\/jobs\/([^/]+)\/notes$/);
      if (req.method === 'POST' && note) {
        peer.notes.push({ path, body });
        return json(201, { id: crypto.randomUUID() });
      }
      json(404, { message: `no route ${req.method} ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  peer.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return peer;
}

/** Settings pointing ServiceM8 and a generic provider ("acme") at the peers. */
export function peerSettings(oauth: OAuthPeer, api: ApiPeer): IntegrationSettings {
  return {
    servicem8: { clientId: 'sm8-app-id', clientSecret: 'sm8-app-secret', authorizeUrl: `${oauth.url}/authorize`, tokenUrl: `${oauth.url}/token`, apiUrl: `${api.url}/api_1.0` },
    generic: [
      {
        key: 'acme',
        name: 'Acme FSM',
        authorize_url: `${oauth.url}/authorize`,
        token_url: `${oauth.url}/token`,
        revocation_url: `${oauth.url}/revoke`,
        client_id: 'acme-client',
        client_secret: 'acme-secret',
        scopes: ['jobs:read', 'notes:write'],
        jobs_url: `${api.url}/generic/jobs`,
        jobs_path: 'data.items',
        fields: { external_id: 'ref', title: 'summary', description: 'details', assignee_email: 'tech.email', due_date: 'due' },
        note_url: `${api.url}/generic/jobs/{external_id}/notes`,
        note_field: 'text',
      },
    ],
  };
}

/**
 * Follows a connect URL as a browser would, without one: the provider's authorize endpoint
 * redirects to our callback with the code; returns the callback's answer.
 */
export async function consent(connectUrl: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; location: string | null }> {
  const authorize = await fetch(connectUrl, { redirect: 'manual' });
  const callback = authorize.headers.get('location');
  if (authorize.status !== 302 || !callback) throw new Error(`authorize answered ${authorize.status}: ${await authorize.text()}`);
  const res = await fetch(callback, { redirect: 'manual', headers });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}
