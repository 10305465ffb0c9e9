/**
 * Credentials exactly as documented, against the real app: register saves token + claim token to
 * cli.json (0600) without echoing secrets and refuses to overwrite without force; claim_status
 * honours pending / slow_down and saves the upgraded token; OPENTRAIN_PERSONAL_API_TOKEN wins
 * outright (file not read) while register/claim still write the file; base URL precedence.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_BASE_URL } from '@opentrain/client';
import { type Harness, startHarness, uniqueEmail } from '../../opentrain-server/src/testing/harness';
import { toolError } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_GENERATIONS } from '@platform/kit/testing';
import { buildBundle, connectStdio, credentialsFile, freshConfigHome, readSaved, serverEnv, text } from './helpers';

let h: Harness;
let bundle: string;

beforeAll(async () => {
  [h, bundle] = await Promise.all([startHarness(), Promise.resolve(buildBundle())]);
});
afterAll(async () => {
  await h?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: results are asserted field by field.
type Result = { isError?: boolean; structuredContent?: any; content?: unknown };

async function session(env: Record<string, string>, options: Parameters<typeof connectStdio>[2] = {}) {
  const spawned = await connectStdio(bundle, env, options);
  const call = (name: string, args: Record<string, unknown> = {}) => spawned.client.callTool({ name, arguments: args }) as Promise<Result>;
  return { ...spawned, call };
}

function writeFile(configHome: string, content: string) {
  mkdirSync(dirname(credentialsFile(configHome)), { recursive: true });
  writeFileSync(credentialsFile(configHome), content, { mode: 0o600 });
}

describe('tokenless start and registration', () => {
  it('starts with no credentials, registers, saves secrets 0600 without echoing them, and refuses to overwrite without force', async () => {
    const home = freshConfigHome();
    const s = await session(serverEnv(home, { OPENTRAIN_API_BASE_URL: h.url }));
    try {
      const anonymous = await s.call('opentrain_auth_status');
      expect(anonymous.isError).toBe(true);
      expect(toolError(anonymous)).toMatchObject({
        status: 401,
        code: expect.any(String),
        message: expect.any(String),
      });

      const reg = await s.call('opentrain_register_agent', {
        agentName: 'Credentials Agent',
        organizationName: 'Cred Org',
      });
      expect(reg.isError).toBeFalsy();
      const saved = readSaved(home);
      expect(saved.apiToken).toMatch(/^ot_pat_/);
      expect(saved.claimToken).toMatch(/^ot_clm_/);
      expect(saved.baseUrl).toBe(h.url);
      expect(statSync(credentialsFile(home)).mode & 0o777).toBe(0o600);
      const echoed = JSON.stringify(reg);
      expect(echoed).not.toContain(saved.apiToken);
      expect(echoed).not.toContain(saved.claimToken);
      expect(echoed).not.toMatch(/ot_(pat|clm)_/);
      expect(reg.structuredContent).toMatchObject({
        registered: true,
        credentialsPath: credentialsFile(home),
        usingEnvToken: false,
      });
      expect(text(reg)).toContain('opentrain_claim_account');

      const me = await s.call('opentrain_auth_status');
      expect(me.isError).toBeFalsy();
      expect(me.structuredContent.actor.agentName).toBe('Credentials Agent');
      expect(me.structuredContent).toEqual((await h.api('/auth/me', { token: saved.apiToken })).body);

      const again = await s.call('opentrain_register_agent', {
        agentName: 'Second',
      });
      expect(again.isError).toBe(true);
      expect(toolError(again)).toMatchObject({
        status: 409,
        code: 'CREDENTIALS_EXIST',
        details: { credentialsPath: credentialsFile(home) },
      });
      expect(readSaved(home).apiToken).toBe(saved.apiToken);

      const forced = await s.call('opentrain_register_agent', {
        agentName: 'Forced',
        force: true,
      });
      expect(forced.isError).toBeFalsy();
      expect(readSaved(home).apiToken).not.toBe(saved.apiToken);
      expect((await s.call('opentrain_auth_status')).structuredContent.actor.agentName).toBe('Forced');
    } finally {
      await s.close();
    }
  });
});

describe('claim ceremony', () => {
  it('relays the code, honours authorization_pending and slow_down, then saves the upgraded token and drops the claim token', async () => {
    const home = freshConfigHome();
    const s = await session(serverEnv(home, { OPENTRAIN_API_BASE_URL: h.url }));
    try {
      await s.call('opentrain_register_agent', { agentName: 'Claim Agent' });
      const preClaim = readSaved(home).apiToken;
      const email = uniqueEmail('mcp-owner');

      const noEmail = await s.call('opentrain_claim_account', {});
      expect(noEmail.isError).toBe(true);

      const claim = await s.call('opentrain_claim_account', { email });
      expect(claim.isError).toBeFalsy();
      const { verificationUri, userCode } = claim.structuredContent;
      expect(verificationUri).toContain('/claim');
      expect(userCode).toMatch(/\S{4,}/);
      expect(text(claim)).toContain(userCode);
      expect(text(claim)).toContain(verificationUri);

      const pending = await s.call('opentrain_claim_status');
      expect(pending.structuredContent).toMatchObject({
        status: 'authorization_pending',
        retryAfterSeconds: 5,
      });
      const tooFast = await s.call('opentrain_claim_status');
      expect(tooFast.structuredContent).toMatchObject({
        status: 'slow_down',
        retryAfterSeconds: 10,
      });
      expect(text(tooFast)).toContain('slow_down');

      await h.claimAsHuman({ verification_uri: verificationUri, user_code: userCode } as never, email);
      h.clock.advance(11_000);
      const claimed = await s.call('opentrain_claim_status');
      expect(claimed.isError).toBeFalsy();
      expect(claimed.structuredContent.status).toBe('claimed');
      expect(JSON.stringify(claimed)).not.toMatch(/ot_pat_/);
      const saved = readSaved(home);
      expect(saved.apiToken).toMatch(/^ot_pat_/);
      expect(saved.apiToken).not.toBe(preClaim);
      expect(saved.claimToken).toBeUndefined();
      expect(statSync(credentialsFile(home)).mode & 0o777).toBe(0o600);

      const me = await s.call('opentrain_auth_status');
      expect(me.structuredContent.account.claimed).toBe(true);
      // The pre-claim token stopped working: the swap was needed.
      expect((await h.api('/auth/me', { token: preClaim })).status).toBe(401);
    } finally {
      await s.close();
    }
  });
});

for (const generation of CLIENT_GENERATIONS) {
  describe(`stdio error paths, ${generation} client (output schemas listed, so v1 checks every result)`, () => {
    it('missing token, claim required, invalid field, not found and conflict all arrive as tool errors with their next step', async () => {
      const home = freshConfigHome();
      const s = await session(serverEnv(home, { OPENTRAIN_API_BASE_URL: h.url }), { generation, args: ['--output-schemas'] });
      try {
        expect(toolError(await s.call('opentrain_auth_status'))).toMatchObject({ status: 401, requestId: expect.any(String) });
        expect((await s.call('opentrain_register_agent', { agentName: `Errors ${generation}` })).isError).toBeFalsy();
        const claim = toolError(await s.call('opentrain_invite_team_member', { email: uniqueEmail('mate') }));
        expect(claim).toMatchObject({ status: 403, details: { reason: 'account_claim_required', claimUrl: `${h.url}/claim` } });
        expect(claim.text).toContain("Next step: Ask the human for their email and call opentrain_claim_account");
        const draft = await s.call('opentrain_create_job_draft', { jobDescription: 'Label 500 street photos with bounding boxes around cars and bikes, paid hourly.' });
        expect(draft.isError, text(draft)).toBeFalsy();
        const invalid = toolError(await s.call('opentrain_update_job_draft_fields', { jobId: draft.structuredContent.jobId, fields: { headcount: 0 } }));
        expect(invalid).toMatchObject({ status: 400, details: { field: expect.stringContaining('headcount') } });
        expect(toolError(await s.call('opentrain_get_proposal', { proposalId: 'prop_missing' })).status).toBe(404);
        // The onboarding tools validate like every other tool: 400 naming the field.
        expect(toolError(await s.call('opentrain_claim_account', { email: 'not-an-email' }))).toMatchObject({ status: 400, code: 'BAD_REQUEST', details: { field: 'email' } });
        expect(toolError(await s.call('opentrain_register_agent', {}))).toMatchObject({ status: 409, code: 'CREDENTIALS_EXIST' });
      } finally {
        await s.close();
      }
    });
  });
}

describe('precedence', () => {
  it('OPENTRAIN_PERSONAL_API_TOKEN wins outright: the file is not read, yet register still writes it', async () => {
    const envAgent = await h.registerAgent({ agent_name: 'Env Agent' });
    const home = freshConfigHome();
    writeFile(home, '{ this is not json');
    const s = await session(
      serverEnv(home, {
        OPENTRAIN_API_BASE_URL: h.url,
        OPENTRAIN_PERSONAL_API_TOKEN: envAgent.access_token,
      }),
    );
    try {
      const me = await s.call('opentrain_auth_status');
      expect(me.isError).toBeFalsy();
      expect(me.structuredContent.actor.agentName).toBe('Env Agent');

      writeFile(
        home,
        JSON.stringify({
          apiToken: 'ot_pat_saved_in_file',
          baseUrl: 'http://127.0.0.1:9',
        }),
      );
      const reg = await s.call('opentrain_register_agent', {
        agentName: 'File Agent',
        force: true,
      });
      expect(reg.isError).toBeFalsy();
      expect(reg.structuredContent.usingEnvToken).toBe(true);
      expect(text(reg)).toContain('OPENTRAIN_PERSONAL_API_TOKEN');
      expect(readSaved(home).apiToken).toMatch(/^ot_pat_/);
      expect(readSaved(home).apiToken).not.toBe(envAgent.access_token);
      expect(readSaved(home).claimToken).toMatch(/^ot_clm_/);
      // Calls keep using the env token.
      expect((await s.call('opentrain_auth_status')).structuredContent.actor.agentName).toBe('Env Agent');
    } finally {
      await s.close();
    }
  });

  it('base URL: OPENTRAIN_API_BASE_URL, then the file, then the default', async () => {
    const agent = await h.registerAgent({ agent_name: 'Base URL Agent' });
    const home = freshConfigHome();
    // File only: its baseUrl is used.
    writeFile(home, JSON.stringify({ apiToken: agent.access_token, baseUrl: h.url }));
    let s = await session(serverEnv(home));
    try {
      expect((await s.call('opentrain_auth_status')).structuredContent.actor.agentName).toBe('Base URL Agent');
    } finally {
      await s.close();
    }
    // Env beats the file's (unreachable) baseUrl.
    writeFile(
      home,
      JSON.stringify({
        apiToken: agent.access_token,
        baseUrl: 'http://127.0.0.1:9',
      }),
    );
    s = await session(serverEnv(home, { OPENTRAIN_API_BASE_URL: h.url }));
    try {
      expect((await s.call('opentrain_auth_status')).structuredContent.actor.agentName).toBe('Base URL Agent');
    } finally {
      await s.close();
    }
    // Neither: the default. Nothing of ours listens there in tests; whatever answers, it is not this app.
    writeFile(home, JSON.stringify({ apiToken: agent.access_token }));
    s = await session(serverEnv(home));
    try {
      const res = await s.call('opentrain_auth_status');
      expect(res.isError).toBe(true);
      const error = toolError(res);
      if (error.status === 0) expect(error.details?.baseUrl).toBe(DEFAULT_BASE_URL);
      else expect(error.status).toBe(401);
    } finally {
      await s.close();
    }
  });

  it('a revoked or unknown token comes back as isError with status, code and message', async () => {
    const home = freshConfigHome();
    const s = await session(
      serverEnv(home, {
        OPENTRAIN_API_BASE_URL: h.url,
        OPENTRAIN_PERSONAL_API_TOKEN: 'ot_pat_definitely_not_valid',
      }),
    );
    try {
      const res = await s.call('opentrain_auth_status');
      expect(res.isError).toBe(true);
      expect(toolError(res)).toMatchObject({
        status: 401,
        code: expect.any(String),
        message: expect.any(String),
        details: expect.any(Object),
      });
      expect(text(res)).toMatch(/^Error \(HTTP 401 /);
    } finally {
      await s.close();
    }
  });
});
