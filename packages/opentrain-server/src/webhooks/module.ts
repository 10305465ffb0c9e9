/**
 * @module The webhooks module as the app composes it: subscriptions (`/webhooks` handlers), fan-out
 * from the outbox and signed deliveries (job handlers), the sender closed on shutdown. Needs no other
 * module: events reach it through the kit outbox. See docs/webhooks.md.
 */
import type { PlatformServices } from '../platform/context';
import type { OpenTrainModule } from '../platform/module';
import type { WebhooksServices } from './context';

export type { WebhooksServices } from './context';
import { createWebhooks } from './index';
import { webhookOperations } from './operations';
import { webhookUrlPolicyOptions } from './url-policy-settings';

export function createWebhooksModule(platform: PlatformServices): OpenTrainModule<WebhooksServices> {
  const { db, clock, logger, embedded, settings } = platform;
  const delivery = createWebhooks({ db, clock, logger, ...webhookUrlPolicyOptions({ embedded, settings }) });
  return {
    name: 'webhooks',
    services: { ...platform, webhooks: delivery.service },
    implementations: webhookOperations,
    jobHandlers: delivery.jobHandlers,
    start: async () => {
      await delivery.resealSecrets();
      await delivery.ensureFanout();
    },
    stop: async () => delivery.close(),
  };
}
