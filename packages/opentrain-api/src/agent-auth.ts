/**
 * @module The agent-auth wire contract (outside `/api/public/v1`, OAuth error shape): paths, token
 * prefixes, the claim grant type, timings, and zod schemas of every response, shared by the server,
 * the MCP server and the CLI.
 */
import { z } from '@platform/kit';

export const TOKEN_PREFIXES = {
  /** Personal API token: the bearer for everything. */
  pat: 'ot_pat_',
  /** Claim token: held by the agent between registration and a completed claim; never a bearer. */
  claim: 'ot_clm_',
  /** Claim-attempt token: inside the human's verification URL. */
  claimAttempt: 'ot_cat_',
  /** Emailed sign-in / sign-up link for humans. */
  magicLink: 'ot_mlk_',
} as const;

export const CLAIM_GRANT_TYPE = 'urn:opentrain:agent-auth:grant-type:claim';

export const AGENT_AUTH_PATHS = {
  identity: '/api/agent/identity',
  claim: '/api/agent/identity/claim',
  token: '/api/agent/oauth/token',
  revoke: '/api/agent/oauth/revoke',
  /** Alias: one reference page names the revocation endpoint this way. */
  revokeAlias: '/api/agent/identity/revoke',
} as const;

export const AGENT_AUTH_TIMING = {
  /** Claim window from registration. */
  claimWindowSeconds: 24 * 3600,
  /** Life of one claim attempt (user code + verification link). */
  claimAttemptSeconds: 1800,
  /** Minimum seconds between token polls; each slow_down adds 5. */
  pollIntervalSeconds: 5,
  slowDownStepSeconds: 5,
  maxPollIntervalSeconds: 60,
} as const;

export const OAUTH_ERROR_CODES = [
  'invalid_request',
  'unsupported_identity_type',
  'anonymous_not_enabled',
  'rate_limit_exceeded',
  'server_error',
  'authorization_pending',
  'slow_down',
  'expired_token',
  'invalid_grant',
  'unsupported_grant_type',
] as const;
export type OAuthErrorCode = (typeof OAUTH_ERROR_CODES)[number];

/** `{error, error_description}` plus, where useful, the offending `field`, a finer `reason`, or `retryAfterSeconds`. */
export const oauthErrorSchema = z.object({
  error: z.enum(OAUTH_ERROR_CODES),
  error_description: z.string(),
  field: z.string().optional(),
  reason: z.string().optional(),
  retryAfterSeconds: z.number().int().optional(),
  interval: z.number().int().optional(),
});
export type OAuthErrorBody = z.infer<typeof oauthErrorSchema>;

export const registerRequestSchema = z.object({
  identity_type: z.string().optional().describe('Only "anonymous"'),
  agent_name: z.string().trim().max(120).optional().describe('Shown to the human on the claim page'),
  organization_name: z.string().trim().max(200).optional().describe('Name of the employer organization created for the agent'),
});

export const registerResponseSchema = z.object({
  identity_type: z.literal('anonymous'),
  registration_id: z.string(),
  access_token: z.string(),
  token_type: z.literal('bearer'),
  scopes: z.array(z.string()),
  claim_token: z.string(),
  claim_token_expires_at: z.string(),
  claim_endpoint: z.string(),
  token_endpoint: z.string(),
  grant_type: z.literal(CLAIM_GRANT_TYPE),
});
export type RegisterResponse = z.infer<typeof registerResponseSchema>;

export const claimRequestSchema = z.object({
  claim_token: z.string().describe('ot_clm_ token from registration'),
  email: z.string().describe("The human owner's email"),
});

export const claimResponseSchema = z.object({
  user_code: z.string().regex(/^\d{6}$/),
  verification_uri: z.string(),
  expires_in: z.number().int(),
  interval: z.number().int(),
  email_sent: z.boolean(),
});
export type ClaimResponse = z.infer<typeof claimResponseSchema>;

export const tokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  scopes: z.array(z.string()),
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;
