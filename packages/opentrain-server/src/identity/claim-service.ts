/**
 * @module The claim ceremony. The agent starts it with its claim token and the human's email: the
 * account is reserved for that email, a claim attempt (an `ot_cat_` verification link + a 6-digit
 * user code, 30 min) is created and the link emailed; re-posting supersedes the previous attempt.
 * The human, signed in with exactly that email, enters the code the agent relays; 5 wrong codes
 * lock the attempt. Success makes the human the organization's owner and revokes every pre-claim
 * token at once; the agent's next poll receives the post-claim token.
 */
import { randomInt } from 'node:crypto';
import { AGENT_AUTH_TIMING, type ClaimResponse, TOKEN_PREFIXES } from '@opentrain/api';
import { type Clock, type Logger, type Mailer, type RateLimiter, generateToken, hashToken, isWellFormedToken, newId, safeEqual } from '@platform/kit';
import { emailSchema, normalizeEmail, type OrganizationsService, type UserRow, type UsersService } from '../accounts';
import type { OpenTrainTables, OtDb } from '../platform/db';
import type { OpenTrainLimits } from '../platform/limits';
import { claimMail } from '../mail/templates';
import type { TokensService } from '../tokens';
import { anonymousNotEnabled, invalidRequest, rateLimitExceeded } from './oauth-error';
import { optionalString, type RegistrationService } from './registration-service';

type AttemptRow = OpenTrainTables['ot_claim_attempts'];

export interface ClaimDeps {
  db: OtDb;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  limiter: RateLimiter;
  limits: OpenTrainLimits;
  users: UsersService;
  organizations: OrganizationsService;
  tokens: TokensService;
  registrations: RegistrationService;
  publicUrl(): string;
  anonymousRegistration: boolean;
}

/** What the claim page needs to know about a verification link. */
export interface ClaimAttemptView {
  state: 'pending' | 'expired' | 'superseded' | 'completed' | 'locked';
  email: string;
  agentName: string | null;
  organizationName: string | null;
  expiresAt: Date;
  attemptsLeft: number;
}

export type CompleteClaimResult =
  | { ok: true; organizationId: string; agentName: string | null }
  | { ok: false; reason: 'unknown' | 'expired' | 'superseded' | 'completed' | 'locked' | 'wrong_email' | 'already_member' | 'invalid_code_format'; attemptsLeft?: number }
  | { ok: false; reason: 'wrong_code'; attemptsLeft: number };

const codeHash = (attemptId: string, code: string) => hashToken(`${attemptId}:${code}`);

/** Digits only: the human may type "439 218" or "439-218". */
export const normalizeUserCode = (input: string) => input.replace(/[\s-]/g, '');

export class ClaimService {
  constructor(private readonly deps: ClaimDeps) {}

  /** POST /api/agent/identity/claim. */
  async start(body: Record<string, unknown>): Promise<ClaimResponse> {
    const { db, clock, users, registrations, limiter, limits } = this.deps;
    if (!this.deps.anonymousRegistration) throw anonymousNotEnabled();
    const claimToken = optionalString(body, 'claim_token', 200);
    if (!claimToken) throw invalidRequest('claim_token is required.', 'claim_token');
    const rawEmail = optionalString(body, 'email', 254);
    if (!rawEmail) throw invalidRequest('email is required.', 'email');
    const parsedEmail = emailSchema.safeParse(rawEmail);
    if (!parsedEmail.success) throw invalidRequest('email must be a valid email address.', 'email');
    const email = normalizeEmail(parsedEmail.data);
    if (!isWellFormedToken(claimToken, [TOKEN_PREFIXES.claim])) throw invalidRequest('claim_token is not a valid ot_clm_ token.', 'claim_token', 'invalid_claim_token');

    const { limit, windowSeconds } = limits.claimStartPerClaimToken;
    const hit = await limiter.hit(`ot:claim-start:${hashToken(claimToken)}`, limit, windowSeconds);
    if (!hit.allowed) throw rateLimitExceeded(hit.retryAfterSeconds, 'claim requests for this claim token');

    const reg = await registrations.findByClaimToken(claimToken);
    if (!reg || reg.claim_revoked_at) throw invalidRequest('Unknown or revoked claim token.', 'claim_token', 'invalid_claim_token');
    if (reg.claimed_at) throw invalidRequest('This agent account has already been claimed.', 'claim_token', 'already_claimed');
    const now = clock.now();
    const windowEnd = new Date(reg.claim_expires_at);
    if (windowEnd.getTime() <= now.getTime()) {
      throw invalidRequest(`The claim window closed at ${windowEnd.toISOString()}; register a new agent identity.`, 'claim_token', 'claim_window_expired');
    }
    if (await users.hasAccount(email)) {
      throw invalidRequest('email_already_registered: this email already has an OpenTrain account; claim with an email that does not.', 'email', 'email_already_registered');
    }

    const attemptToken = generateToken(TOKEN_PREFIXES.claimAttempt);
    const userCode = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(Math.min(now.getTime() + AGENT_AUTH_TIMING.claimAttemptSeconds * 1000, windowEnd.getTime()));
    const attemptId = newId('cla', now);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('ot_claim_attempts').set({ status: 'superseded' }).where('registration_id', '=', reg.id).where('status', '=', 'pending').execute();
      await trx
        .insertInto('ot_claim_attempts')
        .values({
          id: attemptId,
          registration_id: reg.id,
          email,
          attempt_token_hash: hashToken(attemptToken),
          user_code_hash: codeHash(attemptId, userCode),
          status: 'pending',
          failed_code_attempts: 0,
          expires_at: expiresAt,
          created_at: now,
          completed_at: null,
          completed_by_user_id: null,
        })
        .execute();
    });

    const verificationUri = `${this.deps.publicUrl()}/claim?token=${attemptToken}`;
    const org = await this.deps.organizations.get(reg.organization_id);
    let emailSent = true;
    try {
      await this.deps.mailer.send(claimMail({ to: email, agentName: reg.agent_name, organizationName: org?.name ?? null, verificationUri, expiresAt }));
    } catch (err) {
      // The agent relays the link and code itself, so a mail failure is reported, not fatal.
      emailSent = false;
      this.deps.logger.warn({ registrationId: reg.id, mailer: this.deps.mailer.kind, error: err instanceof Error ? err.message : String(err) }, 'claim email not sent');
    }
    return {
      user_code: userCode,
      verification_uri: verificationUri,
      expires_in: Math.round((expiresAt.getTime() - now.getTime()) / 1000),
      interval: reg.poll_interval_seconds,
      email_sent: emailSent,
    };
  }

  private async attemptByToken(attemptToken: string, exec = this.deps.db, lock = false): Promise<AttemptRow | undefined> {
    if (!isWellFormedToken(attemptToken, [TOKEN_PREFIXES.claimAttempt])) return undefined;
    let q = exec.selectFrom('ot_claim_attempts').selectAll().where('attempt_token_hash', '=', hashToken(attemptToken));
    if (lock) q = q.forUpdate();
    return q.executeTakeFirst();
  }

  private stateOf(attempt: AttemptRow, now: Date): ClaimAttemptView['state'] {
    if (attempt.status !== 'pending') return attempt.status;
    return new Date(attempt.expires_at).getTime() <= now.getTime() ? 'expired' : 'pending';
  }

  /** For the claim page: who the link is reserved for and whether it can still be used. */
  async view(attemptToken: string): Promise<ClaimAttemptView | undefined> {
    const attempt = await this.attemptByToken(attemptToken);
    if (!attempt) return undefined;
    const row = await this.deps.db
      .selectFrom('ot_agent_registrations as r')
      .innerJoin('ot_organizations as o', 'o.id', 'r.organization_id')
      .select(['r.agent_name', 'o.name'])
      .where('r.id', '=', attempt.registration_id)
      .executeTakeFirstOrThrow();
    return {
      state: this.stateOf(attempt, this.deps.clock.now()),
      email: attempt.email,
      agentName: row.agent_name,
      organizationName: row.name,
      expiresAt: new Date(attempt.expires_at),
      attemptsLeft: Math.max(0, this.deps.limits.wrongCodesPerAttempt - attempt.failed_code_attempts),
    };
  }

  /** The human's half: signed in as `user`, enters `userCode` on the page opened from `attemptToken`. */
  async complete(input: { attemptToken: string; userCode: string; user: UserRow }): Promise<CompleteClaimResult> {
    const { db, clock, users, organizations, tokens, limits } = this.deps;
    const now = clock.now();
    return db.transaction().execute(async (trx): Promise<CompleteClaimResult> => {
      const attempt = await this.attemptByToken(input.attemptToken, trx, true);
      if (!attempt) return { ok: false, reason: 'unknown' };
      const state = this.stateOf(attempt, now);
      if (state !== 'pending') return { ok: false, reason: state };
      if (attempt.email !== input.user.email_normalized) return { ok: false, reason: 'wrong_email' };
      if (await users.membership(input.user.id, trx)) return { ok: false, reason: 'already_member' };
      const code = normalizeUserCode(input.userCode);
      if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'invalid_code_format' };
      if (!safeEqual(codeHash(attempt.id, code), attempt.user_code_hash)) {
        const failed = attempt.failed_code_attempts + 1;
        const locked = failed >= limits.wrongCodesPerAttempt;
        await trx.updateTable('ot_claim_attempts').set({ failed_code_attempts: failed, status: locked ? 'locked' : 'pending' }).where('id', '=', attempt.id).execute();
        return locked ? { ok: false, reason: 'locked', attemptsLeft: 0 } : { ok: false, reason: 'wrong_code', attemptsLeft: limits.wrongCodesPerAttempt - failed };
      }
      const reg = await trx.selectFrom('ot_agent_registrations').selectAll().where('id', '=', attempt.registration_id).forUpdate().executeTakeFirstOrThrow();
      if (reg.claimed_at) return { ok: false, reason: 'completed' };
      if (reg.claim_revoked_at) return { ok: false, reason: 'unknown' };
      await trx.updateTable('ot_claim_attempts').set({ status: 'completed', completed_at: now, completed_by_user_id: input.user.id }).where('id', '=', attempt.id).execute();
      await trx.updateTable('ot_agent_registrations').set({ claimed_at: now, claimed_by_user_id: input.user.id }).where('id', '=', reg.id).execute();
      // The registration row lock above serializes claims, so the organization is still unclaimed here.
      if (!(await organizations.claim(trx, reg.organization_id, input.user.id, now))) throw new Error(`Organization ${reg.organization_id} was claimed twice`);
      await tokens.revokeAll(trx, reg.organization_id, 'account_claimed', now);
      return { ok: true, organizationId: reg.organization_id, agentName: reg.agent_name };
    });
  }
}
