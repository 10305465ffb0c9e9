/**
 * @module The composition root: builds the platform services, then every module in dependency
 * order, handing each the ports it declares (its `ports.ts`) from the modules built before it.
 * Nothing else wires modules together; no module imports this file (scripts/boundaries.test.ts).
 */
import { type Clock, type Logger, type Mailer, RateLimiter, SessionStore } from '@platform/kit';
import { type AccountsServices, createAccountsModule } from './accounts';
import { type CreditsServices, createCreditsModule } from './credits';
import { createIdentityModule, type IdentityServices } from './identity';
import { createJobsModule, type JobsServices } from './jobs';
import { createMessagingModule, type MessagingServices } from './messaging';
import { createMoneyModule, type MoneyServices } from './money';
import { createPaymentsModule, type PaymentsServices } from './payments';
import type { PlatformServices } from './platform/context';
import type { OtDb } from './platform/db';
import type { OpenTrainLimits } from './platform/limits';
import { SESSION_COOKIE, SESSION_TTL_MS } from './platform/web-ui';
import { createStepUpModule, type StepUpServices } from './step-up';
import { createTalentModule, type TalentServices } from './talent';
import { createTeamModule, type TeamServices } from './team';
import { createTokensModule, type TokensServices } from './tokens';
import { createUpdatesModule, type UpdatesServices } from './updates';
import { createWebModule, type WebServices } from './web';
import { createWebhooksModule, type WebhooksServices } from './webhooks/module';

export interface CompositionOptions {
  db: OtDb;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  limits: OpenTrainLimits;
  publicUrl(): string;
  anonymousRegistration: boolean;
  /** Dev mode (kit `resolveDevMode`): /dev/mail, the sandbox marketplace, loopback webhook URLs. */
  embedded: boolean;
  /** Per-module settings overrides (tests, start script); each module reads its own keys. */
  settings?: Record<string, unknown>;
}

/**
 * Every module's services in one object: for the test harness, operator scripts and the agent-auth
 * routes only. Handlers and pages never see it: each gets its own module's services.
 */
export type AppServices = AccountsServices &
  TokensServices &
  StepUpServices &
  IdentityServices &
  WebServices &
  WebhooksServices &
  UpdatesServices &
  TeamServices &
  JobsServices &
  TalentServices &
  MessagingServices &
  CreditsServices &
  PaymentsServices &
  MoneyServices;

export function composeModules(options: CompositionOptions) {
  const { db, clock } = options;
  const platform: PlatformServices = {
    db,
    clock,
    logger: options.logger,
    mailer: options.mailer,
    limits: options.limits,
    limiter: new RateLimiter(db, clock),
    publicUrl: options.publicUrl,
    embedded: options.embedded,
    settings: options.settings ?? {},
    sessions: new SessionStore(db, clock, { cookieName: SESSION_COOKIE, ttlMs: SESSION_TTL_MS }),
  };
  const accounts = createAccountsModule(platform);
  const { users, organizations, features } = accounts.services;
  const tokens = createTokensModule(platform);
  const stepUp = createStepUpModule(platform, { tokens: tokens.services.tokens });
  const identity = createIdentityModule(
    platform,
    { users, organizations, features, tokens: tokens.services.tokens, stepUp: stepUp.services.stepUp },
    { anonymousRegistration: options.anonymousRegistration },
  );
  const web = createWebModule(platform, { users, organizations, features, tokens: tokens.services.tokens, claims: identity.services.claims, stepUp: stepUp.services.stepUp });
  const webhooks = createWebhooksModule(platform);
  const updates = createUpdatesModule(platform);
  const team = createTeamModule(platform, { users, features });
  const jobs = createJobsModule(platform, { users });
  const talent = createTalentModule(platform, { users, magicLinks: web.services.magicLinks, jobs: jobs.services.jobs });
  const { proposals, freelancers, freelancerFrame } = talent.services;
  const messaging = createMessagingModule(platform, { proposals, freelancers, jobs: jobs.services.jobs, users, organizations, freelancerFrame });
  const credits = createCreditsModule(platform);
  const payments = createPaymentsModule(platform, { credits: credits.services.credits });
  const money = createMoneyModule(platform, {
    credits: credits.services.credits,
    payments: payments.services.payments,
    jobs: jobs.services.jobs,
    proposals,
    freelancers,
    messaging: messaging.services.messaging,
    team: team.services.team,
    users,
    organizations,
    freelancerFrame,
  });

  // Module order: dependencies first (also the order of start hooks; web's pages are mounted last by app.ts).
  const modules = [accounts, tokens, stepUp, identity, webhooks, updates, team, jobs, talent, messaging, credits, payments, money, web] as const;
  const services = Object.assign({}, ...modules.map((m) => m.services)) as AppServices;
  return { platform, modules, services };
}
