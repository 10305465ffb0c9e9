/**
 * @module Onboarding tools (stdio only: they write the local credentials file). They call the
 * agent-auth endpoints, save secrets to cli.json (mode 0600) and never echo a secret back.
 */
import type { CallToolResult, McpServer, StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import { AGENT_AUTH_TIMING, opentrainErrorModel } from '@opentrain/api';
import { type ApiError, badRequest, conflict, errorResult, failedCallResult, resolveError, schemaFromJson, toJson, validationError } from '@platform/kit';
import { z } from 'zod';
import { AgentAuthError, credentialsPath, pollClaim, readCredentials, registerAgent, resolveForMcp, startClaim, updateCredentials } from '@opentrain/client';

const READ_WRITE = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
} as const;

function ok(text: string, structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/** A refusal as every operation tool shows it: the kit's ApiError in OpenTrain's error model. */
function fail(error: ApiError): CallToolResult {
  return errorResult(resolveError(error, opentrainErrorModel));
}

/**
 * The JSON Schema the client sees (derived like an operation's), with the SDK's own check a
 * pass-through: `withInput` validates, so a bad argument is the same 400 naming the field as on
 * every operation tool (the SDK's check would answer a free-form "Input validation error").
 */
function listedInput(schema: z.ZodObject): StandardSchemaWithJSON {
  return schemaFromJson(toJson(schema, 'input'), (value) => ({ value }));
}

function withInput<S extends z.ZodObject>(schema: S, handler: (args: z.infer<S>) => Promise<CallToolResult>) {
  return async (args: unknown): Promise<CallToolResult> => {
    const parsed = schema.safeParse(args ?? {});
    return parsed.success ? handler(parsed.data) : fail(validationError(parsed.error));
  };
}

/** The agent-auth endpoints answer in the OAuth shape (`error`, `error_description`): shown with their status and code. */
function fromError(err: unknown): CallToolResult {
  if (err instanceof AgentAuthError) return errorResult({ status: err.status, code: err.error, message: err.description || err.error });
  return failedCallResult(err);
}

export interface OnboardingOptions {
  env: NodeJS.ProcessEnv;
  /** List output schemas (opt-in, like the operation tools). */
  outputSchemas?: boolean;
  sleep?: (ms: number) => Promise<void>;
}

export { ONBOARDING_TOOL_NAMES } from './toolsets';

type ToolConfig = {
  description: string;
  inputSchema: StandardSchemaWithJSON;
  outputSchema: z.ZodObject;
  annotations: { readOnlyHint: boolean; destructiveHint: boolean; idempotentHint: boolean; openWorldHint: boolean };
};

/** One onboarding tool: its listing (output schema always attached; listed only on request) and handler. */
export interface OnboardingTool {
  name: string;
  /** Every onboarding tool is in the `auth` toolset (with opentrain_auth_status and opentrain_capabilities). */
  toolset: 'auth';
  config: ToolConfig;
  handler: (args: unknown) => Promise<CallToolResult>;
}

export function registerOnboardingTools(server: McpServer, options: OnboardingOptions, selected: (name: string, readOnly: boolean) => boolean): void {
  for (const { name, config, handler } of onboardingTools(options)) {
    if (!selected(name, false)) continue;
    const { outputSchema, ...listed } = config;
    server.registerTool(name, options.outputSchemas ? config : listed, handler);
  }
}

export function onboardingTools(options: OnboardingOptions): OnboardingTool[] {
  const { env } = options;
  const tools: OnboardingTool[] = [];
  const add = (name: string, config: ToolConfig, handler: OnboardingTool['handler']) => tools.push({ name, toolset: 'auth', config, handler });
  const output = (schema: z.ZodObject) => ({ outputSchema: schema });
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const path = () => credentialsPath(env);
  const envTokenNote = () => (env.OPENTRAIN_PERSONAL_API_TOKEN ? ' Note: OPENTRAIN_PERSONAL_API_TOKEN is set, so API calls keep using that token until you unset it.' : '');

  const registerInput = z.object({
    agentName: z.string().max(120).optional().describe('Name shown to the human on the claim page'),
    organizationName: z.string().max(120).optional().describe('Organization attached to the new employer account'),
    force: z.boolean().optional().describe('Overwrite credentials already saved in cli.json'),
  });
  add(
    'opentrain_register_agent',
    {
      description: 'Create an anonymous OpenTrain agent account (no credentials needed) and save its token locally; refuses to overwrite saved credentials unless force is true.',
      inputSchema: listedInput(registerInput),
      ...output(
        z.object({
          registered: z.boolean(),
          registrationId: z.string(),
          scopes: z.array(z.string()),
          claimTokenExpiresAt: z.string(),
          credentialsPath: z.string(),
          usingEnvToken: z.boolean(),
        }),
      ),
      annotations: READ_WRITE,
    },
    withInput(registerInput, async ({ agentName, organizationName, force }) => {
      try {
        const existing = readCredentials(path());
        if (existing?.apiToken && !force) {
          return fail(
            conflict(`Credentials are already saved in ${path()}. Use them (opentrain_auth_status), or pass force: true to register a new account and overwrite them.`, { credentialsPath: path() }, 'CREDENTIALS_EXIST'),
          );
        }
        const { baseUrl } = resolveForMcp(env);
        const reg = await registerAgent(baseUrl, {
          agentName,
          organizationName,
        });
        updateCredentials(
          {
            apiToken: reg.access_token,
            claimToken: reg.claim_token,
            baseUrl,
            claimEmail: undefined,
          },
          path(),
        );
        const out = {
          registered: true,
          registrationId: reg.registration_id,
          scopes: reg.scopes,
          claimTokenExpiresAt: reg.claim_token_expires_at,
          credentialsPath: path(),
          usingEnvToken: Boolean(env.OPENTRAIN_PERSONAL_API_TOKEN),
        };
        return ok(
          `Registered agent account ${reg.registration_id} with scopes ${reg.scopes.join(', ')}. Token and claim token saved to ${path()} (not shown). You can draft and publish jobs now. Next: ask the human for their email and call opentrain_claim_account before ${reg.claim_token_expires_at}: claiming unlocks hiring, messaging and team invites; paying (payments:write) and webhooks need the owner's approval later, through the link a refused call returns.${envTokenNote()}`,
          out,
        );
      } catch (err) {
        return fromError(err);
      }
    }),
  );

  const claimInput = z.object({
    email: z.string().email().describe("The human owner's email address"),
    claimToken: z.string().optional().describe('Claim token (defaults to the one saved at registration)'),
  });
  add(
    'opentrain_claim_account',
    {
      description: 'Start the claim: email the human owner a verification link; relay the returned URL and 6-digit code to them, then poll opentrain_claim_status.',
      inputSchema: listedInput(claimInput),
      ...output(
        z.object({
          verificationUri: z.string(),
          userCode: z.string(),
          expiresIn: z.number(),
          interval: z.number(),
          emailSent: z.boolean(),
        }),
      ),
      annotations: READ_WRITE,
    },
    withInput(claimInput, async ({ email, claimToken }) => {
      try {
        const token = claimToken ?? readCredentials(path())?.claimToken;
        if (!token) return fail(badRequest('No claim token: call opentrain_register_agent first, or pass claimToken.', {}, 'CLAIM_TOKEN_MISSING'));
        const { baseUrl } = resolveForMcp(env);
        const res = await startClaim(baseUrl, { claimToken: token, email });
        if (!claimToken) updateCredentials({ claimEmail: email }, path());
        return ok(
          `Claim started for ${email}${res.email_sent ? ' (email sent)' : ' (email could not be sent: give the human the link below)'}. Ask the human to open ${res.verification_uri}, sign in with exactly ${email}, and enter code ${res.user_code} within ${Math.round(res.expires_in / 60)} minutes. Then poll opentrain_claim_status (at most every ${res.interval} s).`,
          {
            verificationUri: res.verification_uri,
            userCode: res.user_code,
            expiresIn: res.expires_in,
            interval: res.interval,
            emailSent: res.email_sent,
          },
        );
      } catch (err) {
        return fromError(err);
      }
    }),
  );

  const claimStatusInput = z.object({
    claimToken: z.string().optional().describe('Claim token (defaults to the saved one)'),
    waitSeconds: z.number().int().min(0).max(120).optional().describe('Keep polling up to this many seconds (default 0: one check)'),
  });
  add(
    'opentrain_claim_status',
    {
      description: 'Check whether the human completed the claim; on success the upgraded token is saved locally. waitSeconds polls (honouring slow_down) up to that long.',
      inputSchema: listedInput(claimStatusInput),
      ...output(
        z.object({
          status: z.enum(['claimed', 'authorization_pending', 'slow_down']),
          scopes: z.array(z.string()).optional(),
          retryAfterSeconds: z.number().optional(),
        }),
      ),
      annotations: { ...READ_WRITE, idempotentHint: true },
    },
    withInput(claimStatusInput, async ({ claimToken, waitSeconds }) => {
      try {
        const token = claimToken ?? readCredentials(path())?.claimToken;
        if (!token) return fail(badRequest('No claim token saved: the account may already be claimed (check opentrain_auth_status), or register first.', {}, 'CLAIM_TOKEN_MISSING'));
        const { baseUrl } = resolveForMcp(env);
        const deadline = Date.now() + (waitSeconds ?? 0) * 1000;
        let interval: number = AGENT_AUTH_TIMING.pollIntervalSeconds;
        for (;;) {
          const res = await pollClaim(baseUrl, token);
          if (res.status === 'claimed') {
            // The pre-claim token is revoked now: swap it immediately and forget the claim token.
            updateCredentials(
              {
                apiToken: res.access_token,
                claimToken: undefined,
                claimEmail: undefined,
                baseUrl,
              },
              path(),
            );
            return ok(`Claimed. The upgraded token (scopes ${res.scopes.join(', ')}) is saved to ${path()} (not shown). Hiring, messaging and team tools are now available.${envTokenNote()}`, {
              status: 'claimed',
              scopes: res.scopes,
            });
          }
          // Mirrors the server's rule: every slow_down raises the interval by a step, up to the cap.
          if (res.status === 'slow_down') interval = Math.min(interval + AGENT_AUTH_TIMING.slowDownStepSeconds, AGENT_AUTH_TIMING.maxPollIntervalSeconds);
          if (Date.now() + interval * 1000 > deadline) {
            return ok(
              res.status === 'slow_down' ? `Polling too fast (slow_down). Wait at least ${interval} s before the next check.` : `Not claimed yet: the human has not entered the code. Check again in ${interval} s.`,
              { status: res.status, retryAfterSeconds: interval },
            );
          }
          await sleep(interval * 1000);
        }
      } catch (err) {
        return fromError(err);
      }
    }),
  );
  return tools;
}
