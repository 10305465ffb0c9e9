/**
 * Agent auth under other configurations: the documented per-IP registration limit, registration
 * switched off, a mail failure, and an unexpected server failure (OAuth `server_error`, no leak).
 */
import { DEFAULT_LIMITS } from '../platform/limits';
import { hours } from '@platform/kit';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { startHarness, uniqueEmail } from '../testing/harness';

describe('agent-auth configurations', () => {
  it('limits registrations to 10 per hour per IP (429 rate_limit_exceeded, Retry-After), then allows again', async () => {
    const h = await startHarness({ limits: { registrationPerIp: DEFAULT_LIMITS.registrationPerIp } });
    try {
      h.clock.set(Math.floor(h.clock.now().getTime() / hours(1)) * hours(1)); // start of a window
      for (let i = 0; i < 10; i++) expect((await h.agentAuth('/api/agent/identity', {})).status).toBe(200);
      const refused = await h.agentAuth('/api/agent/identity', {});
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ error: 'rate_limit_exceeded', retryAfterSeconds: 3600 });
      expect(refused.headers.get('retry-after')).toBe('3600');
      h.clock.advance(hours(1));
      expect((await h.agentAuth('/api/agent/identity', {})).status).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('answers 403 anonymous_not_enabled on registration and claim when anonymous registration is off', async () => {
    const h = await startHarness({ anonymousRegistration: false });
    try {
      const reg = await h.agentAuth('/api/agent/identity', {});
      expect(reg.status).toBe(403);
      expect(reg.body.error).toBe('anonymous_not_enabled');
      const claim = await h.agentAuth('/api/agent/identity/claim', { claim_token: 'ot_clm_x', email: uniqueEmail() });
      expect(claim.status).toBe(403);
      expect(claim.body.error).toBe('anonymous_not_enabled');
    } finally {
      await h.close();
    }
  });

  it('reports email_sent: false when the mail cannot be sent, still returning the link and code for the agent to relay', async () => {
    const h = await startHarness({
      mailer: {
        kind: 'smtp',
        send: async () => {
          throw new Error('connect ECONNREFUSED');
        },
      },
    });
    try {
      const agent = await h.registerAgent();
      const claim = await h.startClaim(agent.claim_token, uniqueEmail());
      expect(claim.email_sent).toBe(false);
      expect(claim.user_code).toMatch(/^\d{6}$/);
      expect((await h.web().get(claim.verification_uri)).status).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('answers 500 server_error in the OAuth shape when something unexpected fails, without internals', async () => {
    const h = await startHarness();
    try {
      const agent = await h.registerAgent();
      await sql`alter table ot_claim_attempts rename to ot_claim_attempts_gone`.execute(h.database.db);
      const res = await h.agentAuth('/api/agent/identity/claim', { claim_token: agent.claim_token, email: uniqueEmail() });
      expect(res.status).toBe(500);
      expect(res.body.error).toBe('server_error');
      expect(res.body.error_description).not.toMatch(/ot_claim_attempts|relation|sql/i);
    } finally {
      await h.close();
    }
  });
});
