/**
 * @module The agent-auth endpoints described in the OpenAPI document next to the Public API. They
 * live outside the API base path, so each path carries its own `servers` entry (OpenAPI 3.1 §4.8.9).
 */
import {
  AGENT_AUTH_PATHS,
  CLAIM_GRANT_TYPE,
  claimRequestSchema,
  claimResponseSchema,
  oauthErrorSchema,
  registerRequestSchema,
  registerResponseSchema,
  tokenResponseSchema,
} from '@opentrain/api';
import { z } from '@platform/kit';

const json = (schema: z.ZodType) => {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
};

const oauthError = (description: string, codes: string[]) => ({
  description: `${description} (error: ${codes.join(', ')})`,
  content: { 'application/json': { schema: json(oauthErrorSchema) } },
});

export function agentAuthPaths(base: string): Record<string, unknown> {
  const servers = [{ url: base }];
  const form = (properties: Record<string, unknown>, required: string[]) => ({
    required: true,
    content: {
      'application/x-www-form-urlencoded': { schema: { type: 'object', properties, required } },
      'application/json': { schema: { type: 'object', properties, required } },
    },
  });
  return {
    [AGENT_AUTH_PATHS.identity]: {
      servers,
      post: {
        operationId: 'agent_register',
        summary: 'Register an anonymous agent: pre-claim access token + claim token.',
        security: [],
        requestBody: { required: false, content: { 'application/json': { schema: json(registerRequestSchema) } } },
        responses: {
          '200': { description: 'Registered', content: { 'application/json': { schema: json(registerResponseSchema) } } },
          '400': oauthError('Bad input', ['unsupported_identity_type', 'invalid_request']),
          '403': oauthError('Registration disabled', ['anonymous_not_enabled']),
          '429': oauthError('Rate limited', ['rate_limit_exceeded']),
        },
      },
    },
    [AGENT_AUTH_PATHS.claim]: {
      servers,
      post: {
        operationId: 'agent_claim_start',
        summary: "Start (or restart) the claim: reserves the account for the human's email and emails a verification link.",
        security: [],
        requestBody: { required: true, content: { 'application/json': { schema: json(claimRequestSchema) } } },
        responses: {
          '200': { description: 'Claim attempt started', content: { 'application/json': { schema: json(claimResponseSchema) } } },
          '400': oauthError('Bad input, unknown/expired claim token, already claimed, email_already_registered', ['invalid_request']),
          '403': oauthError('Registration disabled', ['anonymous_not_enabled']),
          '429': oauthError('Rate limited', ['rate_limit_exceeded']),
          '500': oauthError('Server error', ['server_error']),
        },
      },
    },
    [AGENT_AUTH_PATHS.token]: {
      servers,
      post: {
        operationId: 'agent_claim_token',
        summary: 'Poll for the post-claim token (RFC 8628 semantics); delivered exactly once.',
        security: [],
        requestBody: form({ grant_type: { type: 'string', const: CLAIM_GRANT_TYPE }, claim_token: { type: 'string' } }, ['grant_type', 'claim_token']),
        responses: {
          '200': { description: 'The post-claim token', content: { 'application/json': { schema: json(tokenResponseSchema) } } },
          '400': oauthError('Not yet, or never', ['authorization_pending', 'slow_down', 'expired_token', 'invalid_grant', 'unsupported_grant_type', 'invalid_request']),
          '429': oauthError('Rate limited', ['rate_limit_exceeded']),
        },
      },
    },
    [AGENT_AUTH_PATHS.revoke]: {
      servers,
      post: {
        operationId: 'agent_revoke',
        summary: 'Revoke an ot_pat_ (or ot_clm_) token (RFC 7009): always 200.',
        security: [],
        requestBody: form({ token: { type: 'string' }, token_type_hint: { type: 'string' } }, ['token']),
        responses: {
          '200': { description: 'Revoked, or never existed', content: { 'application/json': { schema: { type: 'object' } } } },
          '400': oauthError('Missing token', ['invalid_request']),
          '429': oauthError('Rate limited', ['rate_limit_exceeded']),
        },
      },
    },
  };
}
