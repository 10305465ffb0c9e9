/**
 * @module Machine-readable discovery: RFC 9728 protected-resource metadata and RFC 8414
 * authorization-server metadata with the `agent_auth` block an agent needs to start from nothing.
 */
import { AGENT_AUTH_PATHS, AGENT_AUTH_TIMING, CLAIM_GRANT_TYPE, POST_CLAIM_SCOPES, PRE_CLAIM_SCOPES, SCOPES } from '@opentrain/api';

export const PUBLIC_API_BASE = '/api/public/v1';

export function protectedResourceMetadata(base: string) {
  return {
    resource: `${base}${PUBLIC_API_BASE}`,
    resource_name: 'OpenTrain Public API',
    authorization_servers: [base],
    scopes_supported: [...SCOPES],
    bearer_methods_supported: ['header'],
    resource_documentation: `${base}/auth.md`,
    openapi: `${base}${PUBLIC_API_BASE}/openapi.json`,
  };
}

export function authorizationServerMetadata(base: string) {
  return {
    issuer: base,
    token_endpoint: `${base}${AGENT_AUTH_PATHS.token}`,
    revocation_endpoint: `${base}${AGENT_AUTH_PATHS.revoke}`,
    grant_types_supported: [CLAIM_GRANT_TYPE],
    token_endpoint_auth_methods_supported: ['none'],
    revocation_endpoint_auth_methods_supported: ['none'],
    response_types_supported: [],
    scopes_supported: [...SCOPES],
    service_documentation: `${base}/auth.md`,
    agent_auth: {
      skill: `${base}/auth.md`,
      identity_endpoint: `${base}${AGENT_AUTH_PATHS.identity}`,
      claim_endpoint: `${base}${AGENT_AUTH_PATHS.claim}`,
      token_endpoint: `${base}${AGENT_AUTH_PATHS.token}`,
      revocation_endpoint: `${base}${AGENT_AUTH_PATHS.revoke}`,
      identity_types_supported: ['anonymous'],
      grant_type: CLAIM_GRANT_TYPE,
      interval: AGENT_AUTH_TIMING.pollIntervalSeconds,
      claim_window_seconds: AGENT_AUTH_TIMING.claimWindowSeconds,
      claim_attempt_seconds: AGENT_AUTH_TIMING.claimAttemptSeconds,
      user_code_format: '6 digits',
      scopes: { pre_claim: [...PRE_CLAIM_SCOPES], post_claim: [...POST_CLAIM_SCOPES] },
      token_prefixes: { access_token: 'ot_pat_', claim_token: 'ot_clm_', claim_attempt: 'ot_cat_' },
    },
  };
}
