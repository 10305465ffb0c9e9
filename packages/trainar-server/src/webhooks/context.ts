/** @module What the webhooks module's handlers and pages receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { TrainArContext } from '../platform/context';
import type { WebhookService } from './service';

export interface WebhooksServices {
  webhooks: WebhookService;
}

export type WebhooksContext = TrainArContext<WebhooksServices>;

export const implementWebhooks = implementer<WebhooksContext>();
