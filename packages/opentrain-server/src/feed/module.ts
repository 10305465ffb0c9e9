/**
 * @module The feed domain as the app composes it: the updates feed (GET /updates), webhooks
 * (subscriptions, fan-out from the outbox, signed deliveries) and the team (members, invites,
 * who may act on approvals). See docs/updates-and-team.md and docs/webhooks.md.
 */
import type { DomainModule } from '../domain';
import type { BaseServices } from '../services';
import { teamOperations } from '../team/operations';
import { mountTeamPages } from '../team/pages';
import { teamMigrations } from '../team/schema';
import { TeamService } from '../team/team-service';
import { updatesOperations } from '../updates/operations';
import { UpdatesService } from '../updates/updates-service';
import { createWebhooks, webhooksMigrations } from '../webhooks';
import { webhookOperations } from '../webhooks/operations';
import { feedWebhookOptions } from './settings';

/** Services this domain adds to `Services` (built after the domains before it in services.ts). */
export function createFeedServices(deps: BaseServices) {
  const webhookDelivery = createWebhooks({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    ...feedWebhookOptions({ embedded: deps.embedded, settings: deps.settings }),
  });
  return {
    /** Subscriptions and the delivery log (the REST handlers' service). */
    webhooks: webhookDelivery.service,
    /** The delivery machinery: job handlers, fan-out start, sender shutdown. */
    webhookDelivery,
    updates: new UpdatesService(deps.db),
    team: new TeamService({ db: deps.db, clock: deps.clock, mailer: deps.mailer, logger: deps.logger, users: deps.users, publicUrl: deps.publicUrl }),
  };
}

export const feedDomain: DomainModule = {
  name: 'feed',
  migrations: [...webhooksMigrations, ...teamMigrations],
  implementations: [...updatesOperations, ...webhookOperations, ...teamOperations],
  jobHandlers: (services) => services.webhookDelivery.jobHandlers,
  mount: (app, services) => mountTeamPages(app, services),
  start: (services) => services.webhookDelivery.ensureFanout(),
  stop: async (services) => services.webhookDelivery.close(),
};
