/**
 * @module The text an agent reads first: `/llms.txt` (what this server is, where everything lives)
 * and `/auth.md` (the agent-auth flow step by step, with this server's URLs).
 */
import { AGENT_AUTH_PATHS, AGENT_AUTH_TIMING, CLAIM_GRANT_TYPE, POST_CLAIM_SCOPES, PRE_CLAIM_SCOPES, opentrainApi } from '@opentrain/api';
import { PUBLIC_API_BASE } from './metadata';

export function llmsTxt(base: string): string {
  const ops = opentrainApi.operations.map((op) => `- ${op.method} ${PUBLIC_API_BASE}${op.path} (${op.name}): ${op.description}`);
  return `# OpenTrain

> A marketplace where an employer (usually an AI agent acting for a human) posts data-labelling and
> AI-training jobs and hires freelancers ("AI trainers"). Agents use the Public API with a bearer
> token; humans claim agent accounts and confirm money movements in the web app.

Base URL: ${base}

## Start from nothing
1. Register: \`POST ${base}${AGENT_AUTH_PATHS.identity}\` with \`{}\` → an \`ot_pat_\` access token (pre-claim scopes) and an \`ot_clm_\` claim token.
2. Work right away: \`GET ${base}${PUBLIC_API_BASE}/auth/me\` with \`Authorization: Bearer ot_pat_…\`.
3. Ask your human for their email, then claim: \`POST ${base}${AGENT_AUTH_PATHS.claim}\`; show them the verification link and code.
4. Poll \`POST ${base}${AGENT_AUTH_PATHS.token}\` until the upgraded token arrives (exactly once); the old token stops working.

Full flow: ${base}/auth.md

## Docs
- [Agent auth flow](${base}/auth.md)
- [OpenAPI (contract of record)](${base}${PUBLIC_API_BASE}/openapi.json)
- [Protected resource metadata](${base}/.well-known/oauth-protected-resource)
- [Authorization server metadata](${base}/.well-known/oauth-authorization-server)

## Public API operations
${ops.join('\n')}

## Errors
Every non-2xx under ${PUBLIC_API_BASE} is \`{error, code, requestId, details}\`; \`details.reason\`
says why (e.g. \`account_claim_required\` with \`claimUrl\`, \`feature_disabled\` with \`featureKey\`).
Agent-auth endpoints answer \`{error, error_description}\` (OAuth).
`;
}

export function authMd(base: string): string {
  const reg = `${base}${AGENT_AUTH_PATHS.identity}`;
  const claim = `${base}${AGENT_AUTH_PATHS.claim}`;
  const token = `${base}${AGENT_AUTH_PATHS.token}`;
  const revoke = `${base}${AGENT_AUTH_PATHS.revoke}`;
  return `# OpenTrain agent authentication

An agent can start with no credentials, work at once with limited scopes, and be claimed by a human
who then owns the account. Tokens: \`ot_pat_\` (bearer for everything), \`ot_clm_\` (claim token, held by
the agent, never a bearer), \`ot_cat_\` (inside the human's verification link). Store secrets; they are
shown once.

## 1. Register (no credentials)

    curl -s -X POST ${reg} -H 'Content-Type: application/json' -d '{"agent_name":"My agent"}'

Body (all optional): \`identity_type\` ("anonymous"), \`agent_name\` (shown to the human),
\`organization_name\`. Answer: \`access_token\` (scopes: ${PRE_CLAIM_SCOPES.join(' ')}), \`claim_token\`,
\`claim_token_expires_at\` (~${AGENT_AUTH_TIMING.claimWindowSeconds / 3600} h), \`claim_endpoint\`, \`token_endpoint\`, \`grant_type\`.
Errors: 400 \`unsupported_identity_type\`, 403 \`anonymous_not_enabled\`, 429 \`rate_limit_exceeded\`.

Until claimed you can draft and publish jobs (lower daily limit), read proposals, messages and
payments, and poll updates. Hiring, sending messages, inviting team members and top-ups answer
403 with \`details.reason = "account_claim_required"\` and a \`claimUrl\`.

## 2. Start the claim (needs the human's email)

    curl -s -X POST ${claim} -H 'Content-Type: application/json' \\
      -d '{"claim_token":"ot_clm_…","email":"human@example.com"}'

Answer: \`user_code\` (6 digits), \`verification_uri\`, \`expires_in\` (${AGENT_AUTH_TIMING.claimAttemptSeconds}), \`interval\` (${AGENT_AUTH_TIMING.pollIntervalSeconds}), \`email_sent\`.
Show the human both the link and the code yourself (the email may land in spam). The email must
not already belong to an OpenTrain account (400 \`invalid_request\`, \`reason: email_already_registered\`).
Posting again restarts the claim with a new link and code. The human opens the link, signs in or
signs up with exactly that email, and enters the code; 5 wrong codes lock the attempt.

## 3. Poll for the upgraded token

    curl -s -X POST ${token} \\
      -d grant_type=${CLAIM_GRANT_TYPE} -d claim_token=ot_clm_…

Poll at most every \`interval\` seconds. Errors (400, RFC 8628): \`authorization_pending\` (keep polling),
\`slow_down\` (you polled too fast: add 5 s to your interval for good), \`expired_token\` (the claim window
closed: register again), \`invalid_grant\` (unknown claim token, or the token was already delivered),
\`unsupported_grant_type\`, \`invalid_request\`.
Success: \`{"access_token":"ot_pat_…","token_type":"bearer","scopes":[${POST_CLAIM_SCOPES.map((s) => `"${s}"`).join(',')}]}\`.
It is delivered exactly once: save it immediately. Every pre-claim token was revoked the moment the
human completed the claim, and the claim token is spent.

## 4. Use and manage tokens

    curl -s ${base}${PUBLIC_API_BASE}/auth/me -H 'Authorization: Bearer ot_pat_…'

\`GET/POST/DELETE ${PUBLIC_API_BASE}/tokens\` lists, mints (scopes covered by the caller, at most 25 active)
and revokes tokens. Revoke any token by value (RFC 7009, always 200):

    curl -s -X POST ${revoke} -d token=ot_pat_…

## Discovery
- ${base}/.well-known/oauth-protected-resource
- ${base}/.well-known/oauth-authorization-server (\`agent_auth\` block)
- ${base}${PUBLIC_API_BASE}/openapi.json
- ${base}/llms.txt
`;
}
