/** @module The webhooks module's public surface: what other modules and the composition root may import. */
export type { WebhooksServices } from './context';
export { fanoutJob } from './delivery';
export { newEnvelope } from './envelope';
export { oldestUndeliveredWebhookEvent } from './lag';
export { webhookMigrations } from './migrations';
export { createWebhooksModule } from './module';
export type { WebhookService } from './service';
