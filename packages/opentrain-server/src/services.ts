/** @module Every OpenTrain domain service, built once per app over one database, clock and mailer. */
import { type Clock, type Logger, type Mailer, RateLimiter, SessionStore } from '@platform/kit';
import { AccountStatusService } from './accounts/account-status';
import { FeaturesService } from './accounts/features-service';
import { OrganizationsService } from './accounts/organizations-service';
import { UsersService } from './accounts/users-service';
import type { OtDb } from './db';
import { ClaimService } from './identity/claim-service';
import { RegistrationService } from './identity/registration-service';
import type { OpenTrainLimits } from './limits';
import { StepUpService } from './step-up/step-up-service';
import { TokensService } from './tokens/tokens-service';
import { MagicLinksService } from './web/magic-links-service';
import { createFeedServices } from './feed/module';
import { createJobsServices } from './jobs/module';
import { createMessagingServices } from './messaging/module';
import { createMoneyServices } from './money/module';
import { createTalentServices } from './talent/module';

export const SESSION_COOKIE = 'ot_session';
export const SESSION_TTL_MS = 7 * 24 * 3600_000;

export interface ServiceOptions {
  db: OtDb;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  limits: OpenTrainLimits;
  publicUrl(): string;
  anonymousRegistration: boolean;
  /**
   * Dev mode (kit `resolveDevMode`: loopback listener and embedded database, or DEV_MODE=1): turns
   * on developer conveniences such as /dev/mail, the sandbox marketplace and loopback webhook
   * URLs, unless their own settings say otherwise.
   */
  embedded: boolean;
  /** Per-domain settings overrides (tests, start script); each domain reads its own keys. */
  settings?: Record<string, unknown>;
}

/** The identity core every domain builds on. */
function createBaseServices(options: ServiceOptions) {
  const { db, clock, logger, mailer, limits, publicUrl, anonymousRegistration, embedded } = options;
  const settings = options.settings ?? {};
  const limiter = new RateLimiter(db, clock);
  const users = new UsersService(db, clock);
  const organizations = new OrganizationsService(db, clock);
  const features = new FeaturesService(db, clock);
  const tokens = new TokensService(db, clock, limiter, limits);
  const registrations = new RegistrationService({ db, clock, organizations, tokens, publicUrl, anonymousRegistration });
  const claims = new ClaimService({ db, clock, logger, mailer, limiter, limits, users, organizations, tokens, registrations, publicUrl, anonymousRegistration });
  const stepUp = new StepUpService(db, clock, publicUrl, tokens);
  const accountStatus = new AccountStatusService(db, features, publicUrl, stepUp);
  const magicLinks = new MagicLinksService(db, clock, mailer, users, publicUrl);
  const sessions = new SessionStore(db, clock, { cookieName: SESSION_COOKIE, ttlMs: SESSION_TTL_MS });
  return { db, clock, logger, mailer, limits, limiter, publicUrl, embedded, settings, users, organizations, features, accountStatus, tokens, stepUp, registrations, claims, magicLinks, sessions };
}

export type BaseServices = ReturnType<typeof createBaseServices>;

/** Domains in dependency order: each sees the services of those before it. */
export function createServices(options: ServiceOptions) {
  const base = createBaseServices(options);
  const feed = createFeedServices(base);
  const jobs = createJobsServices({ ...base, ...feed });
  const talent = createTalentServices({ ...base, ...feed, ...jobs });
  const messaging = createMessagingServices({ ...base, ...feed, ...jobs, ...talent });
  const money = createMoneyServices({ ...base, ...feed, ...jobs, ...talent, ...messaging });
  return { ...base, ...feed, ...jobs, ...talent, ...messaging, ...money };
}

export type Services = ReturnType<typeof createServices>;
