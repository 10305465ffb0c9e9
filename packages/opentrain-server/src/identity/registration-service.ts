/**
 * @module Anonymous agent registration and the claim-grant token endpoint (RFC 8628 polling
 * semantics). Registration creates an unclaimed employer organization, a pre-claim `ot_pat_` token
 * and an `ot_clm_` claim token (~24 h). Once a human completes the claim, the next poll mints the
 * post-claim token and hands it over exactly once.
 */
import {
  AGENT_AUTH_PATHS,
  AGENT_AUTH_TIMING,
  CLAIM_GRANT_TYPE,
  POST_CLAIM_SCOPES,
  PRE_CLAIM_SCOPES,
  type RegisterResponse,
  TOKEN_PREFIXES,
  type TokenResponse,
} from '@opentrain/api';
import { type Clock, generateToken, hashToken, isWellFormedToken, newId } from '@platform/kit';
import type { OrganizationsService } from '../accounts';
import type { OpenTrainTables, OtDb, OtExecutor } from '../platform/db';
import type { TokensService } from '../tokens';
import { anonymousNotEnabled, invalidRequest, OAuthError } from './oauth-error';

export type RegistrationRow = OpenTrainTables['ot_agent_registrations'];

export interface RegistrationDeps {
  db: OtDb;
  clock: Clock;
  organizations: OrganizationsService;
  tokens: TokensService;
  publicUrl(): string;
  anonymousRegistration: boolean;
}

/** Reads an optional string field of an untyped body: absent → undefined, wrong type → 400 naming it. */
export function optionalString(body: Record<string, unknown>, field: string, max: number): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`${field} must be a string.`, field);
  const trimmed = value.trim();
  if (trimmed.length > max) throw invalidRequest(`${field} must be at most ${max} characters.`, field);
  return trimmed === '' ? undefined : trimmed;
}

export class RegistrationService {
  constructor(private readonly deps: RegistrationDeps) {}

  async register(body: Record<string, unknown>): Promise<RegisterResponse> {
    const identityType = optionalString(body, 'identity_type', 64);
    const agentName = optionalString(body, 'agent_name', 120);
    const organizationName = optionalString(body, 'organization_name', 200);
    if (identityType !== undefined && identityType !== 'anonymous') {
      throw new OAuthError(400, 'unsupported_identity_type', `identity_type "${identityType.slice(0, 40)}" is not supported; use "anonymous".`, { field: 'identity_type' });
    }
    if (!this.deps.anonymousRegistration) throw anonymousNotEnabled();
    const { db, clock, organizations, tokens } = this.deps;
    const now = clock.now();
    const claimToken = generateToken(TOKEN_PREFIXES.claim);
    const claimExpiresAt = new Date(now.getTime() + AGENT_AUTH_TIMING.claimWindowSeconds * 1000);
    const created = await db.transaction().execute(async (trx) => {
      const org = await organizations.create(trx, { name: organizationName ?? null });
      const registration = await trx
        .insertInto('ot_agent_registrations')
        .values({
          id: newId('reg', now),
          organization_id: org.id,
          agent_name: agentName ?? null,
          claim_token_hash: hashToken(claimToken),
          claim_expires_at: claimExpiresAt,
          poll_interval_seconds: AGENT_AUTH_TIMING.pollIntervalSeconds,
          last_polled_at: null,
          claimed_at: null,
          claimed_by_user_id: null,
          delivered_at: null,
          claim_revoked_at: null,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { secret } = await tokens.mint(trx, {
        organizationId: org.id,
        userId: null,
        name: agentName ? `${agentName} (pre-claim)` : 'Agent token (pre-claim)',
        scopes: PRE_CLAIM_SCOPES,
        expiresAt: null,
        origin: 'agent_registration',
      });
      return { registrationId: registration.id, accessToken: secret };
    });
    const base = this.deps.publicUrl();
    return {
      identity_type: 'anonymous',
      registration_id: created.registrationId,
      access_token: created.accessToken,
      token_type: 'bearer',
      scopes: [...PRE_CLAIM_SCOPES],
      claim_token: claimToken,
      claim_token_expires_at: claimExpiresAt.toISOString(),
      claim_endpoint: `${base}${AGENT_AUTH_PATHS.claim}`,
      token_endpoint: `${base}${AGENT_AUTH_PATHS.token}`,
      grant_type: CLAIM_GRANT_TYPE,
    };
  }

  /** The registration a claim token names, or undefined (malformed, unknown). Revoked ones are returned: callers decide. */
  async findByClaimToken(claimToken: string, exec: OtExecutor = this.deps.db, lock = false): Promise<RegistrationRow | undefined> {
    if (!isWellFormedToken(claimToken, [TOKEN_PREFIXES.claim])) return undefined;
    let q = exec.selectFrom('ot_agent_registrations').selectAll().where('claim_token_hash', '=', hashToken(claimToken));
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst();
  }

  /** POST /api/agent/oauth/token with the claim grant. */
  async poll(body: Record<string, unknown>): Promise<TokenResponse> {
    const grantType = optionalString(body, 'grant_type', 200);
    if (!grantType) throw invalidRequest('grant_type is required.', 'grant_type');
    if (grantType !== CLAIM_GRANT_TYPE) {
      throw new OAuthError(400, 'unsupported_grant_type', `Only grant_type=${CLAIM_GRANT_TYPE} is supported.`, { field: 'grant_type' });
    }
    const claimToken = optionalString(body, 'claim_token', 200);
    if (!claimToken) throw invalidRequest('claim_token is required.', 'claim_token');
    const { db, clock, tokens } = this.deps;
    const now = clock.now();
    // Decide inside one transaction (row lock: concurrent polls see one delivery), throw after commit
    // so the recorded poll time and interval survive an error answer.
    const outcome = await db.transaction().execute(async (trx): Promise<TokenResponse | OAuthError> => {
      const reg = await this.findByClaimToken(claimToken, trx, true);
      if (!reg || reg.claim_revoked_at) return new OAuthError(400, 'invalid_grant', 'Unknown or revoked claim token.', { field: 'claim_token' });
      if (reg.delivered_at) {
        return new OAuthError(400, 'invalid_grant', 'The claimed token was already delivered; it is handed out exactly once. Mint a new token in the OpenTrain app if it was lost.', { field: 'claim_token', reason: 'already_delivered' });
      }
      if (reg.claimed_at) {
        await trx.updateTable('ot_agent_registrations').set({ delivered_at: now, last_polled_at: now }).where('id', '=', reg.id).execute();
        const { secret } = await tokens.mint(trx, {
          organizationId: reg.organization_id,
          userId: reg.claimed_by_user_id,
          name: reg.agent_name ? `${reg.agent_name} (claimed)` : 'Agent token (claimed)',
          scopes: POST_CLAIM_SCOPES,
          expiresAt: null,
          origin: 'claim',
        });
        return { access_token: secret, token_type: 'bearer', scopes: [...POST_CLAIM_SCOPES] };
      }
      if (new Date(reg.claim_expires_at).getTime() <= now.getTime()) {
        return new OAuthError(400, 'expired_token', `The claim window closed at ${new Date(reg.claim_expires_at).toISOString()}; register again.`);
      }
      const interval = reg.poll_interval_seconds;
      if (reg.last_polled_at && now.getTime() - new Date(reg.last_polled_at).getTime() < interval * 1000) {
        const raised = Math.min(interval + AGENT_AUTH_TIMING.slowDownStepSeconds, AGENT_AUTH_TIMING.maxPollIntervalSeconds);
        await trx.updateTable('ot_agent_registrations').set({ poll_interval_seconds: raised, last_polled_at: now }).where('id', '=', reg.id).execute();
        return new OAuthError(400, 'slow_down', `Polling faster than every ${interval} s; wait at least ${raised} s between polls from now on.`, { interval: raised });
      }
      await trx.updateTable('ot_agent_registrations').set({ last_polled_at: now }).where('id', '=', reg.id).execute();
      return new OAuthError(400, 'authorization_pending', await this.pendingDescription(trx, reg.id, now), { interval });
    });
    if (outcome instanceof OAuthError) throw outcome;
    return outcome;
  }

  private async pendingDescription(exec: OtExecutor, registrationId: string, now: Date): Promise<string> {
    // Superseded attempts are history: the live one (pending or locked) is the one the agent cares about.
    const attempt = await exec
      .selectFrom('ot_claim_attempts')
      .select(['status', 'expires_at'])
      .where('registration_id', '=', registrationId)
      .where('status', 'in', ['pending', 'locked'])
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    const restart = `POST ${AGENT_AUTH_PATHS.claim} again to send a new code.`;
    if (!attempt) return `No claim started yet: POST ${AGENT_AUTH_PATHS.claim} with the human's email.`;
    if (attempt.status === 'locked') return `The claim attempt locked after too many wrong codes. ${restart}`;
    if (new Date(attempt.expires_at).getTime() <= now.getTime()) return `The claim attempt expired. ${restart}`;
    return 'Waiting for the human to open the verification link, sign in and enter the code.';
  }

  /** RFC 7009 for claim tokens: a leaked claim token can be made useless. */
  async revokeClaimToken(claimToken: string): Promise<boolean> {
    if (!isWellFormedToken(claimToken, [TOKEN_PREFIXES.claim])) return false;
    const row = await this.deps.db
      .updateTable('ot_agent_registrations')
      .set({ claim_revoked_at: this.deps.clock.now() })
      .where('claim_token_hash', '=', hashToken(claimToken))
      .where('claim_revoked_at', 'is', null)
      .where('delivered_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }
}
