/**
 * @module Test harness: boots the real OpenTrain app on a fresh test database (PGlite template or
 * PostgreSQL) with a manual clock, and drives it the way agents and humans do, over HTTP.
 * Later issues reuse it: `const h = await startHarness(); const agent = await h.registerAgent();`.
 */
import type { ClaimResponse, RegisterResponse, TokenResponse } from '@opentrain/api';
import { CLAIM_GRANT_TYPE } from '@opentrain/api';
import { ManualClock, createLogger, listSandboxMail, type Mailer } from '@platform/kit';
import { createTestDatabase, type TestDatabase } from '@platform/kit/testing';
import type { OpenTrainLimits } from '../limits';
import { type StartOpenTrainOptions, startOpenTrain } from '../main';
import { opentrainMigrations } from '../migrations';
import type { Services } from '../services';
import { WebClient } from './web-client';

const GENEROUS = { limit: 100_000, windowSeconds: 60 };

/** Per-IP limits raised (every test request comes from 127.0.0.1); per-token and per-address limits stay as documented. */
export const TEST_LIMITS: Partial<OpenTrainLimits> = {
  registrationPerIp: GENEROUS,
  claimStartPerIp: GENEROUS,
  tokenPollPerIp: GENEROUS,
  revokePerIp: GENEROUS,
  publicApiPerIp: GENEROUS,
  signInPerIp: GENEROUS,
  claimCodePerIp: GENEROUS,
  secretGuessesPerIp: GENEROUS,
};

export interface HarnessOptions {
  clock?: ManualClock;
  limits?: Partial<OpenTrainLimits>;
  smtpUrl?: string;
  mailFrom?: string;
  mailer?: Mailer;
  anonymousRegistration?: boolean;
  /** Use this database instead of creating one (several apps on one database). */
  database?: TestDatabase;
  /** Per-domain settings overrides (see each domain's module). */
  settings?: Record<string, unknown>;
  /** Default true; false = drive background jobs with `h.runJobs()`. */
  startWorker?: boolean;
  /** Hosted /mcp Host/Origin allow-lists (OPENTRAIN_MCP_ALLOWED_HOSTS / _ORIGINS). */
  mcp?: StartOpenTrainOptions['mcp'];
  /** `GET /metrics` settings (default: on, loopback clients only). */
  metrics?: StartOpenTrainOptions['metrics'];
}

// biome-ignore lint/suspicious/noExplicitAny: test bodies are asserted field by field.
export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

let emailCounter = 0;
/** A unique address per call, so tests sharing one app never collide. */
export const uniqueEmail = (label = 'human') => `${label}.${Date.now().toString(36)}.${++emailCounter}@example.test`;

export async function startHarness(options: HarnessOptions = {}) {
  const database = options.database ?? (await createTestDatabase(opentrainMigrations));
  // Real "now" (not a fixed date): a browser drops cookies whose expiry the clock put in the past.
  const clock = options.clock ?? new ManualClock(Math.floor(Date.now() / 1000) * 1000);
  const server = await startOpenTrain({
    port: 0,
    host: '127.0.0.1',
    database,
    clock,
    logger: createLogger({ name: 'opentrain-test', level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    limits: { ...TEST_LIMITS, ...options.limits },
    smtpUrl: options.smtpUrl,
    mailFrom: options.mailFrom,
    mailer: options.mailer,
    anonymousRegistration: options.anonymousRegistration,
    settings: options.settings,
    startWorker: options.startWorker,
    mcp: options.mcp,
    metrics: options.metrics,
  });
  const url = server.url;
  const seenLinks = new Set<string>();
  const services = server.extra.services as Services;

  async function send(path: string, init: RequestInit): Promise<ApiResponse> {
    const res = await fetch(`${url}${path}`, init);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body, headers: res.headers };
  }

  const h = {
    url,
    clock,
    database,
    services,
    server,
    worker: server.extra.worker,

    /** A Public API call: `path` is relative to /api/public/v1. */
    api(path: string, options: { method?: string; token?: string | null; body?: unknown; headers?: Record<string, string> } = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.Authorization = `Bearer ${options.token}`;
      if (options.body !== undefined) headers['Content-Type'] = 'application/json';
      return send(`/api/public/v1${path}`, { method: options.method ?? 'GET', headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    },

    /** An agent-auth call: JSON by default, form-urlencoded with `form: true`. */
    agentAuth(path: string, body: Record<string, string | unknown> | string = {}, options: { form?: boolean } = {}) {
      if (typeof body === 'string') return send(path, { method: 'POST', headers: { 'Content-Type': options.form ? 'application/x-www-form-urlencoded' : 'application/json' }, body });
      if (options.form) {
        return send(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body as Record<string, string>).toString() });
      }
      return send(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    },

    async registerAgent(body: Record<string, unknown> = { agent_name: 'Test agent' }): Promise<RegisterResponse> {
      const res = await h.agentAuth('/api/agent/identity', body);
      if (res.status !== 200) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as RegisterResponse;
    },

    async startClaim(claimToken: string, email: string): Promise<ClaimResponse> {
      const res = await h.agentAuth('/api/agent/identity/claim', { claim_token: claimToken, email });
      if (res.status !== 200) throw new Error(`claim failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as ClaimResponse;
    },

    poll(claimToken: string): Promise<ApiResponse<TokenResponse & { error?: string; error_description?: string; interval?: number }>> {
      return h.agentAuth('/api/agent/oauth/token', { grant_type: CLAIM_GRANT_TYPE, claim_token: claimToken }, { form: true });
    },

    /**
     * The newest link containing `pathPart` in sandbox mail to `to` that this harness has not handed
     * out before (mails sent at the same clock instant have no reliable order).
     */
    async mailLink(to: string, pathPart: string): Promise<string> {
      const mails = await listSandboxMail(database.db, { to, limit: 20 });
      for (const mail of mails) {
        const link = mail.text.match(/https?:\/\/\S+/g)?.find((u) => u.includes(pathPart) && !seenLinks.has(u));
        if (link) {
          seenLinks.add(link);
          return link;
        }
      }
      throw new Error(`no new ${pathPart} link in mail to ${to}`);
    },

    web: () => new WebClient(url),

    /** Signs up (or in) by emailed link, as a human in a fresh browser, landing on `next`. */
    async signInByLink(email: string, next = '/', web = new WebClient(url)) {
      await web.get(`/signup?next=${encodeURIComponent(next)}`);
      const sent = await web.post('/signup', { email, first_name: 'Hu', last_name: 'Man', next });
      if (sent.status !== 200) throw new Error(`signup failed: ${sent.status}`);
      const link = await h.mailLink(email, '/signin/verify');
      await web.get(link);
      const landed = await web.post('/signin/verify', { token: new URL(link).searchParams.get('token') as string });
      return { web, landed, link };
    },

    /** The human's half of the claim, over plain HTTP: sign up with the email, open the link, enter the code. */
    async claimAsHuman(claim: ClaimResponse, email: string) {
      const next = new URL(claim.verification_uri).pathname + new URL(claim.verification_uri).search;
      const { web, landed } = await h.signInByLink(email, next);
      if (!landed.text.includes('name="user_code"')) throw new Error(`claim page did not ask for the code: ${landed.status}`);
      const done = await web.post('/claim', { token: new URL(claim.verification_uri).searchParams.get('token') as string, user_code: claim.user_code });
      if (!done.text.includes('Agent claimed')) throw new Error(`claim failed: ${done.status}`);
      return web;
    },

    /** Register → claim → human completes → poll: a claimed agent with its post-claim token. */
    async claimedAgent(name = 'Claimed agent') {
      const agent = await h.registerAgent({ agent_name: name });
      const email = uniqueEmail('owner');
      const claim = await h.startClaim(agent.claim_token, email);
      const web = await h.claimAsHuman(claim, email);
      const polled = await h.poll(agent.claim_token);
      if (polled.status !== 200) throw new Error(`poll failed: ${JSON.stringify(polled.body)}`);
      return { agent, email, web, token: polled.body.access_token as string };
    },

    async close() {
      await server.close();
      if (!options.database) await database.close();
    },
  };
  return h;
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
