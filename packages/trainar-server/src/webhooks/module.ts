/** @module The webhooks module: tenant endpoints, the outbox fan-out and signed deliveries with retries, and Dashboard → API & Webhooks → Webhooks. It needs no other module. */
import { resealAtStart } from '@platform/kit';
import type { PlatformServices } from '../platform/context';
import type { TrainArModule } from '../platform/module';
import type { WebhooksServices } from './context';
import { DELIVER_JOB, deliverHandler, FANOUT_JOB, fanoutHandler } from './delivery';
import { webhookHandlers } from './handlers';
import { mountWebhooksPage } from './page';
import { WebhookService } from './service';

export function createWebhooksModule(platform: PlatformServices): TrainArModule<WebhooksServices> {
  const webhooks = new WebhookService(platform);
  const services: WebhooksServices = { webhooks };
  return {
    name: 'webhooks',
    services,
    implementations: webhookHandlers,
    jobHandlers: { [FANOUT_JOB]: fanoutHandler(webhooks), [DELIVER_JOB]: deliverHandler(webhooks) },
    mountPages: (app, shell) => mountWebhooksPage(app, { ...shell, services }),
    start: async () => {
      await resealAtStart(platform.db, webhooks.box, { table: 'webhook_endpoints', id: 'id', columns: ['secret'] }, platform.logger);
    },
    stop: async () => webhooks.close(),
  };
}
