/**
 * The agent side of the end-to-end hiring flow, one per transport: the same MCP tool calls reach
 * OpenTrain through the stdio bundle (which also registers and claims itself with its onboarding
 * tools) or through the hosted `/mcp` (where onboarding is the agent-auth REST endpoints and the
 * post-claim token means reconnecting with it). Either SDK client generation drives both.
 */
import { type ClientGeneration, connectMcpHttp, connectMcpStdio, type TestMcpClient, toolError } from '@platform/kit/testing';
import { expect } from 'vitest';
import type { Harness } from '../../../opentrain-server/src/testing/harness';
import { ALL_TOOL_NAMES } from '../../src/server';
import { ONBOARDING_TOOL_NAMES } from '../../src/toolsets';
import { freshConfigHome, readSaved, serverEnv, text } from '../helpers';

// biome-ignore lint/suspicious/noExplicitAny: results are asserted field by field.
export type Result = { isError?: boolean; structuredContent?: any; content?: unknown };

/** What the human needs to finish a claim the agent started. */
export interface StartedClaim {
  verificationUri: string;
  userCode: string;
}

export interface FlowAgent {
  readonly label: string;
  /** The tools this transport serves: the flow fails naming any it never called. */
  readonly tools: readonly string[];
  call(name: string, args?: Record<string, unknown>): Promise<Result>;
  /** Before any credential: what an unauthenticated agent is told. */
  withoutCredentials(): Promise<void>;
  register(): Promise<void>;
  startClaim(email: string): Promise<StartedClaim>;
  /** Asks once, before the human finished: still pending. */
  claimPending(): Promise<void>;
  /** After the human finished: the agent holds the claimed account's token. */
  finishClaim(): Promise<void>;
  /** After revoking its own token: the next call is refused with 401. */
  refusedAfterRevoke(): Promise<void>;
  close(): Promise<void>;
}

export type AgentFactory = (h: Harness, called: Set<string>) => Promise<FlowAgent>;

async function recorded(client: () => TestMcpClient, called: Set<string>, name: string, args: Record<string, unknown>): Promise<Result> {
  called.add(name);
  return (await client().callTool(name, args)) as Result;
}

/** A successful call: fails with the tool's own error text otherwise. */
export async function ok(result: Promise<Result>): Promise<Result> {
  const r = await result;
  expect(r.isError, text(r)).toBeFalsy();
  expect(r.structuredContent).toBeTypeOf('object');
  expect(text(r).length).toBeGreaterThan(0);
  return r;
}

/**
 * The built stdio bundle spawned by the client, with a fresh config home: one server and one process
 * throughout (the onboarding tools swap the saved token under it). v1 gets the output schemas listed,
 * so it checks every result against them, errors included.
 */
export const stdioAgent =
  (bundle: () => string, generation: ClientGeneration): AgentFactory =>
  async (h, called) => {
    const home = freshConfigHome();
    const args = generation === 'v1' ? [bundle(), '--output-schemas'] : [bundle()];
    const client = await connectMcpStdio(generation, { command: process.execPath, args, env: serverEnv(home, { OPENTRAIN_API_BASE_URL: h.url }) });
    const call = (name: string, a: Record<string, unknown> = {}) => recorded(() => client, called, name, a);
    return {
      label: `stdio, ${generation} client`,
      tools: ALL_TOOL_NAMES,
      call,
      async withoutCredentials() {
        const me = await call('opentrain_auth_status');
        expect(toolError(me)).toMatchObject({ status: 401, requestId: expect.any(String) });
      },
      async register() {
        const reg = await ok(call('opentrain_register_agent', { agentName: 'E2E Agent', organizationName: 'E2E Labs' }));
        expect(reg.structuredContent.registered).toBe(true);
        expect(readSaved(home).apiToken).toMatch(/^ot_pat_/);
      },
      async startClaim(email) {
        const claim = await ok(call('opentrain_claim_account', { email }));
        return { verificationUri: claim.structuredContent.verificationUri, userCode: claim.structuredContent.userCode };
      },
      async claimPending() {
        const pending = await ok(call('opentrain_claim_status'));
        expect(pending.structuredContent.status).toBe('authorization_pending');
      },
      async finishClaim() {
        const claimed = await ok(call('opentrain_claim_status'));
        expect(claimed.structuredContent.status).toBe('claimed');
        expect(readSaved(home).claimToken).toBeUndefined();
      },
      async refusedAfterRevoke() {
        expect(toolError(await call('opentrain_get_credits')).status).toBe(401);
      },
      close: () => client.close(),
    };
  };

/**
 * The hosted `/mcp` over Streamable HTTP with `Authorization: Bearer ot_pat_…`. Registration and the
 * claim use the agent-auth endpoints (they write no local file here); after the claim the agent
 * reconnects with the token the claim issued. v1 asks for output schemas (`X-MCP-Output-Schemas: 1`).
 */
export const hostedAgent =
  (generation: ClientGeneration): AgentFactory =>
  async (h, called) => {
    const url = `${h.url}/mcp`;
    const headers = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}`, ...(generation === 'v1' ? { 'X-MCP-Output-Schemas': '1' } : {}) });
    let client: TestMcpClient | undefined;
    let claimToken = '';
    const connect = async (token: string) => {
      await client?.close();
      client = await connectMcpHttp(generation, url, headers(token));
    };
    return {
      label: `hosted /mcp, ${generation} client`,
      tools: ALL_TOOL_NAMES.filter((name) => !ONBOARDING_TOOL_NAMES.includes(name)),
      call: (name, a = {}) => recorded(() => client as TestMcpClient, called, name, a),
      async withoutCredentials() {
        // Hosted needs a token for every request: the connection itself is refused.
        await expect(connectMcpHttp(generation, url, {})).rejects.toThrow(/401|Unauthorized/i);
      },
      async register() {
        const reg = await h.registerAgent({ agent_name: 'E2E Agent', organization_name: 'E2E Labs' });
        expect(reg.access_token).toMatch(/^ot_pat_/);
        claimToken = reg.claim_token;
        await connect(reg.access_token);
      },
      async startClaim(email) {
        const claim = await h.startClaim(claimToken, email);
        return { verificationUri: claim.verification_uri, userCode: claim.user_code };
      },
      async claimPending() {
        expect((await h.poll(claimToken)).body.error).toBe('authorization_pending');
      },
      async finishClaim() {
        const polled = await h.poll(claimToken);
        expect(polled.status, JSON.stringify(polled.body)).toBe(200);
        await connect(polled.body.access_token as string);
      },
      async refusedAfterRevoke() {
        // Authentication comes before MCP on the hosted endpoint: the HTTP request itself is a 401.
        await expect((client as TestMcpClient).callTool('opentrain_get_credits')).rejects.toThrow(/401|Unauthorized/i);
      },
      close: async () => client?.close(),
    };
  };
