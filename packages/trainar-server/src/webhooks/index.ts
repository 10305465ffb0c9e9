/** @module The webhooks module's public surface: what other modules and the composition root may import. */
export type { WebhooksServices } from './context';
export { emitTrainArEvent, TRAINAR_EVENTS, type TrainArEvent } from './events';
export { oldestUndeliveredWebhookEvent } from './lag';
export { webhookMigrations } from './migrations';
export { createWebhooksModule } from './module';
export type { WebhookService } from './service';
