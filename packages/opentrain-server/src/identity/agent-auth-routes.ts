/**
 * @module The agent-auth endpoints under `/api/agent` (outside the Public API): plain Hono routes
 * in the OAuth wire shape. Bodies may be form-urlencoded (the OAuth norm, required for the token and
 * revocation endpoints by the docs) or JSON. Each endpoint is rate limited per client IP.
 */
import { AGENT_AUTH_PATHS } from '@opentrain/api';
import { type AppEnv, CONTROL_CHARACTER_MESSAGE, clientIp, findControlCharacter } from '@platform/kit';
import type { Context, Hono } from 'hono';
import type { WindowLimit } from '../limits';
import type { Services } from '../services';
import { invalidRequest, OAuthError, rateLimitExceeded } from './oauth-error';
import { optionalString } from './registration-service';

/**
 * Reads the body as form fields or a JSON object; anything else (malformed multipart or JSON, a NUL
 * or other control character in a field) is a 400 `invalid_request` naming the field.
 */
export async function readAgentAuthBody(c: Context): Promise<Record<string, unknown>> {
  const body = await readRawAgentAuthBody(c);
  const field = findControlCharacter(body);
  if (field !== null) throw invalidRequest(`${field} ${CONTROL_CHARACTER_MESSAGE}.`, field);
  return body;
}

async function readRawAgentAuthBody(c: Context): Promise<Record<string, unknown>> {
  const type = (c.req.header('Content-Type') ?? '').toLowerCase();
  if (type.includes('multipart/form-data')) {
    let form: Record<string, unknown>;
    try {
      form = await c.req.parseBody();
    } catch {
      throw invalidRequest('Request body is not valid multipart/form-data (check the boundary); send application/x-www-form-urlencoded.', '(body)');
    }
    return Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === 'string'));
  }
  const text = await c.req.text();
  if (text.trim() === '') return {};
  const looksJson = type.includes('json') || (!type.includes('x-www-form-urlencoded') && text.trimStart().startsWith('{'));
  if (!looksJson) return Object.fromEntries(new URLSearchParams(text));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidRequest('Request body is not valid JSON.', '(body)');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidRequest('Request body must be a JSON object.', '(body)');
  return parsed as Record<string, unknown>;
}

export function mountAgentAuth(app: Hono<AppEnv>, services: Services): void {
  const { limits, limiter, logger } = services;

  const endpoint =
    (name: string, limit: WindowLimit, handle: (body: Record<string, unknown>) => Promise<object>) =>
    async (c: Context<AppEnv>) => {
      try {
        const hit = await limiter.hit(`ot:agent-auth:${name}:${clientIp(c) ?? 'unknown'}`, limit.limit, limit.windowSeconds);
        if (!hit.allowed) throw rateLimitExceeded(hit.retryAfterSeconds, `${name} requests from this address`);
        const result = await handle(await readAgentAuthBody(c));
        return c.json(result, 200, { 'Cache-Control': 'no-store' });
      } catch (err) {
        if (err instanceof OAuthError) return c.json(err.body(), err.status as 400, err.headers());
        logger.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'agent-auth endpoint failed');
        return c.json({ error: 'server_error', error_description: `Internal error; request id ${c.get('requestId')} identifies it in the server log.` }, 500, { 'Cache-Control': 'no-store' });
      }
    };

  app.post(AGENT_AUTH_PATHS.identity, endpoint('registration', limits.registrationPerIp, (body) => services.registrations.register(body)));
  app.post(AGENT_AUTH_PATHS.claim, endpoint('claim', limits.claimStartPerIp, (body) => services.claims.start(body)));
  app.post(AGENT_AUTH_PATHS.token, endpoint('token', limits.tokenPollPerIp, (body) => services.registrations.poll(body)));
  const revoke = endpoint('revoke', limits.revokePerIp, async (body) => {
    const token = optionalString(body, 'token', 500);
    if (!token) throw invalidRequest('token is required.', 'token');
    // RFC 7009 §2.2: the answer is the same whether or not the token existed.
    if (token.startsWith('ot_clm_')) await services.registrations.revokeClaimToken(token);
    else await services.tokens.revokeBySecret(token);
    return {};
  });
  app.post(AGENT_AUTH_PATHS.revoke, revoke);
  app.post(AGENT_AUTH_PATHS.revokeAlias, revoke);
}
