/**
 * The built `opentrain` bundle as a subprocess against a running app: registration and the claim
 * ceremony, login/logout, credential and base-URL precedence, error output and exit codes.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { type Harness, startHarness } from '../../opentrain-server/src/testing/harness';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBundle, cleanEnv, runOpentrain, tempConfigDir, unusedPort } from './helpers';

// Every step is a CLI subprocess; a loaded machine makes them slow.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 300_000 });

let h: Harness;
const dirs: Array<{ cleanup(): void }> = [];

beforeAll(async () => {
  buildBundle();
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
  for (const d of dirs) d.cleanup();
});

function withEnv(base: NodeJS.ProcessEnv, more: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env = { ...base };
  for (const [k, v] of Object.entries(more)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

function session(extraEnv: Record<string, string | undefined> = {}) {
  const config = tempConfigDir();
  dirs.push(config);
  const env = cleanEnv({
    XDG_CONFIG_HOME: config.dir,
    OPENTRAIN_API_BASE_URL: h.url,
    ...extraEnv,
  });
  const run = (args: string[], more: Record<string, string | undefined> = {}, onStderr?: (soFar: string) => void) => runOpentrain(args, { env: withEnv(env, more), onStderr });
  const saved = () =>
    JSON.parse(readFileSync(config.credentials, 'utf8')) as {
      apiToken?: string;
      claimToken?: string;
      baseUrl?: string;
    };
  return { config, env, run, saved };
}

describe('auth register', () => {
  it('saves the token to cli.json (0600, never printed) and refuses to overwrite without --force', async () => {
    const s = session();
    const first = await s.run(['auth', 'register', '--agent-name', 'CLI agent', '--json']);
    expect(first.code, first.stderr).toBe(0);
    const out = JSON.parse(first.stdout);
    expect(out).toMatchObject({
      registered: true,
      credentialsPath: s.config.credentials,
      baseUrl: h.url,
    });
    expect(out.scopes).toContain('jobs:write');
    expect(statSync(s.config.credentials).mode & 0o777).toBe(0o600);
    const creds = s.saved();
    expect(creds.apiToken).toMatch(/^ot_pat_/);
    expect(creds.claimToken).toMatch(/^ot_clm_/);
    expect(creds.baseUrl).toBe(h.url);
    expect(first.stdout).not.toContain(creds.apiToken);
    expect(first.stdout).not.toContain(creds.claimToken);

    const again = await s.run(['auth', 'register']);
    expect(again.code).toBe(6);
    expect(again.stderr).toMatch(/^Error: credentials are already saved in .*cli\.json; not overwriting them\./);
    expect(again.stderr).toContain('opentrain auth register --force');
    expect(s.saved().apiToken).toBe(creds.apiToken);

    const forced = await s.run(['auth', 'register', '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toContain('Next steps:');
    expect(forced.stdout).toContain('opentrain auth claim --email');
    expect(s.saved().apiToken).not.toBe(creds.apiToken);
  });

  it('whoami and auth status show who the saved token acts for, in text and as JSON', async () => {
    const s = session();
    expect((await s.run(['auth', 'register', '--name', 'Status agent', '--org-name', 'Acme Labs'])).code).toBe(0);
    const who = await s.run(['whoami']);
    expect(who.code, who.stderr).toBe(0);
    expect(who.stdout).toContain('agent Status agent');
    expect(who.stdout).toContain('Account not claimed yet');
    expect(who.stdout).toContain('"opentrain auth claim --email <owner-email>"');
    const json = JSON.parse((await s.run(['whoami', '--json'])).stdout);
    expect(json.account).toMatchObject({
      claimed: false,
      organizationName: 'Acme Labs',
    });
    expect(json.token.scopes).toContain('jobs:write');
    const status = await s.run(['auth', 'status', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      loggedIn: true,
      tokenSource: 'file',
      claimPending: true,
      baseUrl: h.url,
      me: { account: { organizationId: json.account.organizationId } },
    });
  });
});

describe('credential and base-URL precedence', () => {
  it('OT_API_TOKEN beats OPENTRAIN_API_TOKEN, which beats the file', async () => {
    const s = session();
    await s.run(['auth', 'register']);
    const fileOrg = JSON.parse((await s.run(['whoami', '--json'])).stdout).account.organizationId;
    const a = await h.registerAgent({ agent_name: 'Env A' });
    const b = await h.registerAgent({ agent_name: 'Env B' });
    const viaOpentrain = JSON.parse(
      (
        await s.run(['whoami', '--json'], {
          OPENTRAIN_API_TOKEN: b.access_token,
        })
      ).stdout,
    );
    expect(viaOpentrain.actor.agentName).toBe('Env B');
    expect(viaOpentrain.account.organizationId).not.toBe(fileOrg);
    const both = JSON.parse(
      (
        await s.run(['whoami', '--json'], {
          OT_API_TOKEN: a.access_token,
          OPENTRAIN_API_TOKEN: b.access_token,
        })
      ).stdout,
    );
    expect(both.actor.agentName).toBe('Env A');
    const status = JSON.parse(
      (
        await s.run(['auth', 'status', '--json'], {
          OT_API_TOKEN: a.access_token,
        })
      ).stdout,
    );
    expect(status.tokenSource).toBe('OT_API_TOKEN');
  });

  it('--base-url beats OT_API_BASE_URL / OPENTRAIN_API_BASE_URL, which beat the file', async () => {
    const s = session();
    await s.run(['auth', 'register']);
    const dead = `http://127.0.0.1:${await unusedPort()}`;
    const unreachable = await s.run(['whoami'], { OT_API_BASE_URL: dead });
    expect(unreachable.code).toBe(9);
    expect(unreachable.stderr.startsWith(`Error (network ECONNREFUSED): Could not reach ${dead}`)).toBe(true);
    expect(unreachable.stderr).toContain('--base-url');
    const viaFlag = await s.run(['whoami', '--base-url', h.url], {
      OT_API_BASE_URL: dead,
    });
    expect(viaFlag.code, viaFlag.stderr).toBe(0);
    // With no base-URL variable at all, the URL saved at registration is used.
    const fromFile = await s.run(['whoami'], {
      OPENTRAIN_API_BASE_URL: undefined,
    });
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const wrongFile = await s.run(['whoami'], { OPENTRAIN_API_BASE_URL: dead });
    expect(wrongFile.code).toBe(9);
  });
});

describe('errors and exit codes', () => {
  it('auth: a rejected token is HTTP 401 on one line, then what to do, exit 3', async () => {
    const s = session();
    const res = await s.run(['whoami'], {
      OT_API_TOKEN: 'ot_pat_notarealtoken',
    });
    expect(res.code).toBe(3);
    const lines = res.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^Error \(HTTP 401 UNAUTHORIZED\): \S/);
    expect(res.stderr).toContain('Request ID:');
    expect(res.stderr).toContain('OT_API_TOKEN was rejected');
    expect(res.stdout).toBe('');
    const none = await s.run(['tokens', 'list']);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain('no token found');
  });

  it('not found: HTTP 404 with details, exit 4; --json keeps errors on stderr', async () => {
    const s = session();
    await s.run(['auth', 'register']);
    const res = await s.run(['tokens', 'revoke', 'tok_doesnotexist', '--json']);
    expect(res.code).toBe(4);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^Error \(HTTP 404 NOT_FOUND\): /);
    expect(res.stderr).toMatch(/\nDetails: \{.*"tokenId":"tok_doesnotexist".*\}/);
  });

  it('validation: HTTP 400 naming the field, exit 5', async () => {
    const s = session();
    await s.run(['auth', 'register']);
    const res = await s.run(['updates', 'poll', '--cursor', 'not-a-number']);
    expect(res.code).toBe(5);
    expect(res.stderr).toMatch(/^Error \(HTTP 400 BAD_REQUEST\): /);
    expect(res.stderr).toContain('"field":"cursor"');
    expect(res.stderr).toContain('Hint: fix cursor (flag --cursor');
  });

  it('missing scope on a claimed account: prints the owner approval URL, and the same token works after the grant', async () => {
    const owner = await h.claimedAgent('CLI step-up');
    const s = session({ OT_API_TOKEN: owner.token });
    const refused = await s.run(['webhooks', 'list']);
    expect(refused.code).not.toBe(0);
    const url = /(http:\/\/\S+\/account\/scope-requests\/scr_[0-9A-Za-z_]+)/.exec(refused.stderr)?.[1] as string;
    expect(url).toBeDefined();
    expect(refused.stderr).toContain('retry after the owner approves');
    expect(refused.stderr).toMatch(/Hint: the account owner opens http\S+ and approves webhooks:manage/);
    const path = new URL(url).pathname;
    await owner.web.get(path);
    expect((await owner.web.post(path, { scopes: 'webhooks:manage' })).status).toBe(200);
    const retried = await s.run(['webhooks', 'list']);
    expect(retried.code).toBe(0);
  });

  it('usage: says what is wrong and how to fix it, exit 2', async () => {
    const s = session();
    const missingId = await s.run(['tokens', 'revoke']);
    expect(missingId.code).toBe(2);
    expect(missingId.stderr).toContain('Usage error: missing <tokenId>: pass it as an argument or with --token-id <tokenId>');
    expect(missingId.stderr).toContain('Run "opentrain tokens revoke --help" for usage.');
    const typo = await s.run(['tokns', 'list']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("Usage error: unknown command 'tokns'");
    expect(typo.stderr).toContain('(Did you mean tokens?)');
    const badNumber = await s.run(['updates', 'poll', '--limit', 'many']);
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toContain('--limit expects a number, got "many"');
    const noEmail = await s.run(['auth', 'claim']);
    expect(noEmail.code).toBe(2);
    expect(noEmail.stderr).toContain('opentrain auth claim --email owner@example.com');
    const shell = await s.run(['completion', 'powershell']);
    expect(shell.code).toBe(2);
  });
});

describe('auth claim / claim-status', () => {
  it('relays the URL and code, honours slow_down, waits with a countdown and swaps in the upgraded token', async () => {
    const s = session();
    await s.run(['auth', 'register', '--agent-name', 'Claim agent']);
    const preClaimToken = s.saved().apiToken;
    const email = `owner.${Date.now()}@example.test`;
    const claim = await s.run(['auth', 'claim', '--email', email]);
    expect(claim.code, claim.stderr).toBe(0);
    expect(claim.stdout).toMatch(/Ask the human to open: +http\S+\/claim\?token=ot_cat_/);
    expect(claim.stdout).toMatch(/enter the code: +\d{6}/);
    expect(claim.stdout).toContain('Next: opentrain auth claim-status --wait');
    const started = JSON.parse((await s.run(['auth', 'claim', '--email', email, '--json'])).stdout);

    const once = await s.run(['auth', 'claim-status']);
    expect(once.code).toBe(0);
    expect(once.stdout).toContain('Not claimed yet');
    expect(once.stdout).toContain('opentrain auth claim-status --wait');

    h.clock.advance(60_000);
    // The human acts only once the CLI has checked and is waiting for the next check.
    let sawWaiting: () => void = () => {};
    const waitingShown = new Promise<void>((resolve) => {
      sawWaiting = resolve;
    });
    const waiting = s.run(['auth', 'claim-status', '--wait', '--timeout', '120'], {}, (soFar) => {
      if (soFar.includes('Waiting for the human to claim')) sawWaiting();
    });
    await waitingShown;
    await h.claimAsHuman(
      {
        verification_uri: started.verificationUri,
        user_code: started.userCode,
      } as never,
      email,
    );
    const done = await waiting;
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('Claimed.');
    expect(done.stderr).toMatch(/Waiting for the human to claim \(authorization_pending\): .*Next check in \d+ s, \d+ s left\./);
    const creds = s.saved();
    expect(creds.claimToken).toBeUndefined();
    expect(creds.apiToken).not.toBe(preClaimToken);
    expect(statSync(s.config.credentials).mode & 0o777).toBe(0o600);
    const who = JSON.parse((await s.run(['whoami', '--json'])).stdout);
    expect(who.account.claimed).toBe(true);
    expect(who.token.scopes).toContain('proposals:write');
    const after = await s.run(['auth', 'claim-status']);
    expect(after.code).toBe(3);
    expect(after.stderr).toContain('no claim token saved');
  });

  it('reports slow_down with the raised interval, and --wait gives up at --timeout with exit 10', async () => {
    const s = session();
    await s.run(['auth', 'register']);
    expect(JSON.parse((await s.run(['auth', 'claim-status', '--json'])).stdout)).toMatchObject({ status: 'authorization_pending', retryAfterSeconds: 5 });
    // The server's clock has not moved: the next polls are too fast, and each raises the interval.
    const tooFast = await s.run(['auth', 'claim-status', '--json']);
    expect(JSON.parse(tooFast.stdout)).toMatchObject({
      status: 'slow_down',
      retryAfterSeconds: 10,
    });
    const tooFastText = await s.run(['auth', 'claim-status']);
    expect(tooFastText.stdout).toContain('Polling too fast (slow_down): wait at least 15 s');
    h.clock.advance(60_000);
    const res = await s.run(['auth', 'claim-status', '--wait', '--timeout', '1']);
    expect(res.code).toBe(10);
    expect(res.stdout).toContain('Still not claimed after 1 s');
  });
});

describe('auth login / logout', () => {
  it('login verifies the token with /auth/me before saving it; logout deletes the file', async () => {
    const s = session();
    const bad = await s.run(['auth', 'login', '--api-key', 'ot_pat_bogus']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/^Error \(HTTP 401 UNAUTHORIZED\)/);
    expect(existsSync(s.config.credentials)).toBe(false);
    const missing = await s.run(['auth', 'login']);
    expect(missing.code).toBe(2);

    const agent = await h.registerAgent({ agent_name: 'Login agent' });
    const ok = await s.run(['auth', 'login', '--token', agent.access_token]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Logged in.');
    expect(ok.stdout).not.toContain(agent.access_token);
    expect(s.saved()).toEqual({ apiToken: agent.access_token, baseUrl: h.url });
    expect(statSync(s.config.credentials).mode & 0o777).toBe(0o600);

    const out = await s.run(['auth', 'logout']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('was not revoked');
    expect(existsSync(s.config.credentials)).toBe(false);
    const status = await s.run(['auth', 'status']);
    expect(status.code).toBe(3);
    expect(status.stdout).toContain('Not logged in.');
  });

  it('a broken cli.json is reported with the fix, and register --force replaces it', async () => {
    const s = session();
    await s.run(['auth', 'register']);
    writeFileSync(s.config.credentials, '{not json');
    const res = await s.run(['whoami']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('is not valid JSON');
    expect((await s.run(['auth', 'register', '--force'])).code).toBe(0);
    expect(s.saved().apiToken).toMatch(/^ot_pat_/);
  });
});
