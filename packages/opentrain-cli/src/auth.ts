/**
 * @module `opentrain auth …`: register an anonymous agent account, start and finish the human claim,
 * log in with an existing token, show and drop the saved credentials. Secrets go to cli.json (mode
 * 0600, shared with the MCP server) and are never printed.
 */
import { authStatus, OPENTRAIN_VERSION, opentrainApi } from '@opentrain/api';
import {
  AgentAuthError,
  type Credentials,
  CredentialsFileError,
  credentialsPath,
  deleteCredentials,
  pollClaim,
  readCredentials,
  registerAgent,
  resolveForCli,
  startClaim,
  updateCredentials,
  writeCredentials,
} from '@opentrain/client';
import { ApiClientError, CliExit, type CliIo, createHttpClient, printApiError, usageError } from '@platform/kit';
import type { Command } from 'commander';
import { createProgress, waitForClaim } from './claim-wait';
import { BIN, translateToolNames } from './commands-map';
import { EXIT, exitCodeForAgentAuth } from './exit-codes';

export interface AuthContext {
  env: NodeJS.ProcessEnv;
  io: CliIo;
  stderr: NodeJS.WriteStream;
  /** Test seam for the claim wait; real time otherwise. */
  sleep?: (ms: number) => Promise<void>;
}

interface Globals {
  json?: boolean;
  baseUrl?: string;
}

const envTokenName = (env: NodeJS.ProcessEnv) => (env.OT_API_TOKEN ? 'OT_API_TOKEN' : env.OPENTRAIN_API_TOKEN ? 'OPENTRAIN_API_TOKEN' : undefined);

/** `--json`: the structured result; otherwise the text lines (null = a line that does not apply). */
function emit(ctx: AuthContext, globals: Globals, structured: Record<string, unknown>, human: Array<string | null>): void {
  ctx.io.out(globals.json ? JSON.stringify(structured, null, 2) : human.filter((l) => l !== null).join('\n'));
}

/** Prints an agent-auth error the way API errors are printed, then exits with its code. */
function agentAuthFailure(ctx: AuthContext, err: AgentAuthError, hint?: string): never {
  ctx.io.err(`Error (HTTP ${err.status} ${err.error}): ${err.description || err.error}`);
  if (hint) ctx.io.err(hint);
  throw new CliExit(exitCodeForAgentAuth(err));
}

function fail(ctx: AuthContext, code: number, message: string, hint?: string): never {
  ctx.io.err(`Error: ${message}`);
  if (hint) ctx.io.err(hint);
  throw new CliExit(code);
}

function baseUrlFor(ctx: AuthContext, globals: Globals, tolerateBrokenFile = false): string {
  try {
    return resolveForCli({ baseUrl: globals.baseUrl }, ctx.env).baseUrl;
  } catch (err) {
    if (!(err instanceof CredentialsFileError) || !tolerateBrokenFile) throw err;
    return resolveForCli({ baseUrl: globals.baseUrl }, { ...ctx.env, XDG_CONFIG_HOME: '/nonexistent-opentrain-config' }).baseUrl;
  }
}

function claimHint(err: AgentAuthError): string | undefined {
  if (err.error === 'expired_token') return `The claim window closed. Register a new account: ${BIN} auth register --force`;
  if (err.error === 'invalid_grant') return `Check the account with ${BIN} auth status; a lost post-claim token can be re-minted in the OpenTrain app, then ${BIN} auth login --api-key <token>.`;
  if (err.description.includes('email_already_registered')) return 'That email already has an OpenTrain account: ask the human for an address without one.';
  return undefined;
}

async function register(
  ctx: AuthContext,
  opts: {
    agentName?: string;
    name?: string;
    orgName?: string;
    organizationName?: string;
    force?: boolean;
  },
  globals: Globals,
) {
  const path = credentialsPath(ctx.env);
  let existing: Credentials | null = null;
  try {
    existing = readCredentials(path);
  } catch (err) {
    if (!(err instanceof CredentialsFileError) || !opts.force) throw err;
  }
  if (existing?.apiToken && !opts.force) {
    fail(ctx, EXIT.conflict, `credentials are already saved in ${path}; not overwriting them.`, `Use them (${BIN} auth status), or run "${BIN} auth register --force" to register a new account and replace them.`);
  }
  const baseUrl = baseUrlFor(ctx, globals, opts.force);
  let reg: Awaited<ReturnType<typeof registerAgent>>;
  try {
    reg = await registerAgent(baseUrl, {
      agentName: opts.agentName ?? opts.name,
      organizationName: opts.orgName ?? opts.organizationName,
    });
  } catch (err) {
    if (err instanceof AgentAuthError) agentAuthFailure(ctx, err, err.error === 'anonymous_not_enabled' ? `Ask the operator for a token and run ${BIN} auth login --api-key <token>.` : undefined);
    throw err;
  }
  writeCredentials({ apiToken: reg.access_token, claimToken: reg.claim_token, baseUrl }, path);
  const envToken = envTokenName(ctx.env);
  emit(
    ctx,
    globals,
    {
      registered: true,
      registrationId: reg.registration_id,
      scopes: reg.scopes,
      claimTokenExpiresAt: reg.claim_token_expires_at,
      credentialsPath: path,
      baseUrl,
      usingEnvToken: Boolean(envToken),
    },
    [
      `Registered agent account ${reg.registration_id} at ${baseUrl}.`,
      `Scopes: ${reg.scopes.join(', ')}.`,
      `Token and claim token saved to ${path} (mode 0600, not shown).`,
      envToken ? `Note: ${envToken} is set, so commands keep using that token until you unset it.` : null,
      '',
      'Next steps:',
      `  ${BIN} jobs draft create --description-file job.txt   draft a job now (drafting and publishing work before the claim)`,
      `  ${BIN} auth claim --email <owner-email>              before ${reg.claim_token_expires_at}: a human claims the account to unlock hiring, messaging and team invites`,
    ],
  );
}

async function claim(ctx: AuthContext, opts: { email?: string; claimToken?: string }, globals: Globals) {
  if (!opts.email) throw usageError(`auth claim needs the human owner's email: ${BIN} auth claim --email owner@example.com`);
  const path = credentialsPath(ctx.env);
  const token = opts.claimToken ?? readCredentials(path)?.claimToken;
  if (!token) fail(ctx, EXIT.auth, `no claim token saved in ${path}.`, `Register first (${BIN} auth register), or pass --claim-token ot_clm_…; an account that is already claimed needs no claim (${BIN} auth status).`);
  const baseUrl = baseUrlFor(ctx, globals);
  let res: Awaited<ReturnType<typeof startClaim>>;
  try {
    res = await startClaim(baseUrl, { claimToken: token, email: opts.email });
  } catch (err) {
    if (err instanceof AgentAuthError) agentAuthFailure(ctx, err, claimHint(err));
    throw err;
  }
  if (!opts.claimToken) updateCredentials({ claimEmail: opts.email }, path);
  emit(
    ctx,
    globals,
    {
      email: opts.email,
      verificationUri: res.verification_uri,
      userCode: res.user_code,
      expiresIn: res.expires_in,
      interval: res.interval,
      emailSent: res.email_sent,
    },
    [
      `Claim started for ${opts.email}${res.email_sent ? ' (verification email sent; it may land in spam)' : ' (the email could not be sent: give the human the link below)'}.`,
      `Ask the human to open:  ${res.verification_uri}`,
      `sign in with exactly ${opts.email}, and enter the code:  ${res.user_code}`,
      `The code expires in ${Math.round(res.expires_in / 60)} minutes.`,
      '',
      `Next: ${BIN} auth claim-status --wait`,
    ],
  );
}

async function claimStatus(ctx: AuthContext, opts: { wait?: boolean; timeout?: string; claimToken?: string }, globals: Globals) {
  const timeout = opts.timeout === undefined ? 1800 : Number(opts.timeout);
  if (!Number.isFinite(timeout) || timeout < 0) throw usageError(`--timeout expects seconds (a number ≥ 0), got "${opts.timeout}"`);
  const path = credentialsPath(ctx.env);
  const token = opts.claimToken ?? readCredentials(path)?.claimToken;
  if (!token) fail(ctx, EXIT.auth, `no claim token saved in ${path}.`, `The account may already be claimed (${BIN} auth status); otherwise register first (${BIN} auth register) or pass --claim-token.`);
  const baseUrl = baseUrlFor(ctx, globals);
  const interactive = Boolean(ctx.stderr.isTTY) && !globals.json;
  const sleep = ctx.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let result: Awaited<ReturnType<typeof waitForClaim>>;
  try {
    result = await waitForClaim(
      {
        poll: () => pollClaim(baseUrl, token),
        now: () => Date.now(),
        sleep,
        progress: createProgress(ctx.stderr, interactive),
        tickMs: interactive ? 120 : 1000,
      },
      opts.wait ? timeout : 0,
    );
  } catch (err) {
    if (err instanceof AgentAuthError) agentAuthFailure(ctx, err, claimHint(err));
    throw err;
  }
  if (result.status === 'claimed') {
    // Claiming revoked the pre-claim token: swap it now and forget the claim token.
    updateCredentials(
      {
        apiToken: result.access_token,
        claimToken: undefined,
        claimEmail: undefined,
        baseUrl,
      },
      path,
    );
    const envToken = envTokenName(ctx.env);
    emit(ctx, globals, { status: 'claimed', scopes: result.scopes, credentialsPath: path }, [
      `Claimed. The upgraded token (scopes ${result.scopes.join(', ')}) is saved to ${path} (not shown).`,
      envToken ? `Note: ${envToken} is set and was revoked by the claim: unset it to use the saved token.` : null,
      `Hiring, messaging and team invites are unlocked. Next: ${BIN} whoami`,
    ]);
    return;
  }
  const structured = {
    status: result.status,
    description: result.description,
    retryAfterSeconds: result.intervalSeconds,
    timedOut: Boolean(opts.wait),
  };
  if (opts.wait) {
    emit(ctx, globals, structured, [`Still not claimed after ${timeout} s (${result.status}). Run "${BIN} auth claim-status --wait" again, or restart the claim with ${BIN} auth claim --email <owner-email>.`]);
    throw new CliExit(EXIT.claimPending);
  }
  emit(ctx, globals, structured, [
    result.status === 'slow_down' ? `Polling too fast (slow_down): wait at least ${result.intervalSeconds} s before the next check.` : `Not claimed yet: ${result.description || 'the human has not entered the code'}`,
    `Check again in ${result.intervalSeconds} s, or keep waiting: ${BIN} auth claim-status --wait`,
  ]);
}

async function login(ctx: AuthContext, opts: { apiKey?: string; token?: string }, globals: Globals) {
  const token = (opts.apiKey ?? opts.token)?.trim();
  if (!token) throw usageError(`auth login needs a token: ${BIN} auth login --api-key ot_pat_…`);
  const baseUrl = baseUrlFor(ctx, globals, true);
  const client = createHttpClient(opentrainApi, {
    baseUrl,
    token,
    userAgent: `opentrain-cli/${OPENTRAIN_VERSION}`,
  });
  let me: Awaited<ReturnType<typeof client.call<typeof authStatus>>>;
  try {
    me = await client.call(authStatus, {});
  } catch (err) {
    if (err instanceof ApiClientError) {
      printApiError(ctx.io, err, err.status === 401 ? 'The token was not saved: check that it is a current ot_pat_ token for this server (--base-url).' : undefined);
      throw new CliExit(err.status === 0 ? EXIT.network : EXIT.auth);
    }
    throw err;
  }
  const path = credentialsPath(ctx.env);
  // A token from elsewhere replaces the saved identity entirely, including any pending claim.
  writeCredentials({ apiToken: token, baseUrl }, path);
  emit(ctx, globals, { loggedIn: true, credentialsPath: path, baseUrl, me }, [`Logged in. Token verified and saved to ${path} (not shown).`, translateToolNames(authStatus.summarize(me, {}))]);
}

async function status(ctx: AuthContext, globals: Globals) {
  const auth = resolveForCli({ baseUrl: globals.baseUrl }, ctx.env);
  const path = credentialsPath(ctx.env);
  const local = {
    credentialsPath: path,
    credentialsFile: auth.credentials !== null,
    baseUrl: auth.baseUrl,
    tokenSource: auth.tokenSource === 'env' ? envTokenName(ctx.env) : auth.tokenSource,
    claimPending: Boolean(auth.credentials?.claimToken),
    claimEmail: auth.credentials?.claimEmail ?? null,
  };
  const localLines = [
    `Credentials: ${path}${local.credentialsFile ? '' : ' (none saved)'}`,
    `Base URL: ${auth.baseUrl}`,
    `Token: ${auth.token ? `from ${local.tokenSource === 'file' ? 'the credentials file' : local.tokenSource}` : 'none'}`,
    local.claimPending ? `Claim: pending${local.claimEmail ? ` (started for ${local.claimEmail})` : ' (not started)'}; check with ${BIN} auth claim-status` : null,
  ];
  if (!auth.token) {
    emit(ctx, globals, { ...local, loggedIn: false, me: null }, [...localLines, '', `Not logged in. Next: ${BIN} auth register (new agent account) or ${BIN} auth login --api-key ot_pat_…`]);
    throw new CliExit(EXIT.auth);
  }
  const client = createHttpClient(opentrainApi, {
    baseUrl: auth.baseUrl,
    token: auth.token,
    userAgent: `opentrain-cli/${OPENTRAIN_VERSION}`,
  });
  const me = await client.call(authStatus, {});
  emit(ctx, globals, { ...local, loggedIn: true, me }, [...localLines, '', translateToolNames(authStatus.summarize(me, {}))]);
}

function logout(ctx: AuthContext, globals: Globals) {
  const path = credentialsPath(ctx.env);
  const removed = deleteCredentials(path);
  const envToken = envTokenName(ctx.env);
  emit(ctx, globals, { loggedOut: removed, credentialsPath: path }, [
    removed ? `Removed ${path}. The token was not revoked: revoke a leaked token first with ${BIN} tokens revoke <tokenId>.` : `No saved credentials at ${path}.`,
    envToken ? `Note: ${envToken} is still set in this environment.` : null,
  ]);
}

export function addAuthCommands(program: Command, ctx: AuthContext): void {
  const globalsOf = (cmd: Command) => cmd.optsWithGlobals() as Globals;
  const auth = program.command('auth').description('register, claim, log in and out (credentials in cli.json, shared with the MCP server)');
  auth
    .command('register')
    .description('create an anonymous agent account and save its token (refuses to overwrite saved credentials without --force)')
    .option('--agent-name <name>', 'name shown to the human on the claim page')
    .option('--name <name>', 'same as --agent-name')
    .option('--org-name <name>', 'organization attached to the new employer account')
    .option('--organization-name <name>', 'same as --org-name')
    .option('--force', 'overwrite credentials already saved')
    .action((opts, cmd: Command) => register(ctx, opts, globalsOf(cmd)));
  auth
    .command('claim')
    .description('email the human owner a verification link and print the URL and code to relay')
    .option('--email <email>', "the human owner's email (required)")
    .option('--claim-token <token>', 'claim token (default: the saved one)')
    .action((opts, cmd: Command) => claim(ctx, opts, globalsOf(cmd)));
  auth
    .command('claim-status')
    .description('check whether the human completed the claim; --wait keeps polling (honouring slow_down) and saves the upgraded token')
    .option('--wait', 'poll until claimed or --timeout')
    .option('--timeout <seconds>', 'how long --wait waits (default 1800)')
    .option('--claim-token <token>', 'claim token (default: the saved one)')
    .action((opts, cmd: Command) => claimStatus(ctx, opts, globalsOf(cmd)));
  auth
    .command('login')
    .description('save an existing API token after verifying it (GET /auth/me)')
    .option('--api-key <token>', 'personal API token (ot_pat_…)')
    .option('--token <token>', 'same as --api-key')
    .action((opts, cmd: Command) => login(ctx, opts, globalsOf(cmd)));
  auth
    .command('status')
    .description('where the token comes from, the base URL, a pending claim, and who the token acts for')
    .action((_opts, cmd: Command) => status(ctx, globalsOf(cmd)));
  auth
    .command('logout')
    .description('delete the saved credentials file (does not revoke the token: use tokens revoke)')
    .action((_opts, cmd: Command) => logout(ctx, globalsOf(cmd)));
}
