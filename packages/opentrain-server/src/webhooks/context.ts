/** @module What the webhooks module's handlers receive: the request plus this module's services. */
import { implementer } from '@platform/kit';
import type { OpenTrainContext, PlatformServices } from '../platform/context';
import type { WebhooksService } from './service';

export type WebhooksServices = PlatformServices & { webhooks: WebhooksService };
export type WebhooksContext = OpenTrainContext<WebhooksServices>;
export const implementWebhooks = implementer<WebhooksContext>();
