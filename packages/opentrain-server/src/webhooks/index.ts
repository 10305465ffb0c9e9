/**
 * @module Webhooks (spec 3.9, docs/webhooks.md): subscriptions, fan-out from the kit outbox,
 * signed deliveries with retries on a fixed schedule, auto-disable, a delivery log, and the
 * receiver-side signature check.
 *
 *   const webhooks = createWebhooks({ db, clock, ...webhooksEnvOptions() });
 *   const worker = createWorker({ db, clock, handlers: { ...webhooks.jobHandlers, ...others } });
 *   await webhooks.ensureFanout(); worker.start();
 *   await webhooks.service.create(accountId, { url, eventTypes });
 */
import { type JobHandlers, type ResealOutcome, resealAtStart } from '@platform/kit';
import { deliverHandler } from './delivery';
import { DELIVER_JOB, ensureFanout, FANOUT_JOB, fanoutHandler } from './fanout';
import { WebhooksService } from './service';
import { resolveSettings, type WebhooksOptions } from './settings';

export { DELIVERY_HEADERS, USER_AGENT } from './delivery';
export { EVENT_TYPE_SCOPES, type EventRecord, isWebhookEventType, toEventRecord, WEBHOOK_EVENT_TYPES, type WebhookEventType } from './event-types';
export { DELIVER_JOB, type DeliverPayload, FANOUT_JOB, type FanoutPayload } from './fanout';
export { oldestUndeliveredWebhookEvent } from './lag';
export { type DeliveryOutcome, type WebhookStatus, type WebhookTables, webhooksMigrations } from './schema';
export { createSecretBox, generateWebhookSecret, type SecretBox, WEBHOOK_SECRET_PREFIX } from './secrets';
export { createWebhookSender, DEFAULT_DELIVERY_TIMEOUT_MS, type SendResult, type WebhookSender } from '@platform/kit';
export { type CreatedWebhook, type CreateWebhookInput, type DeliveryView, type WebhookView, WebhooksService } from './service';
export {
  DEFAULT_DISABLE_AFTER_FAILURES,
  DEFAULT_FANOUT_INTERVAL_MS,
  DEFAULT_RETRY_SCHEDULE_MS,
  MAX_WEBHOOKS_PER_ACCOUNT,
  type WebhooksOptions,
  webhooksEnvOptions,
} from './settings';
export { computeSignature, DEFAULT_TOLERANCE_SECONDS, parseSignatureHeader, SIGNATURE_HEADER, signatureHeader, verifyOpenTrainSignature } from './signature';
export { blockedAddressReason, MAX_URL_LENGTH, type Resolver, UnsafeUrlError as UnsafeWebhookUrlError } from '@platform/kit';

export interface Webhooks {
  service: WebhooksService;
  /** Spread into createWorker's handlers: `webhooks.fanout` and `webhooks.deliver`. */
  jobHandlers: JobHandlers;
  /** Call once at start-up (idempotent): makes sure the fan-out chain has a pending pass. */
  ensureFanout(): Promise<void>;
  /** Call once at start-up, before the worker: secrets sealed under a previous key move to the current one. */
  resealSecrets(): Promise<ResealOutcome>;
  /** Closes the HTTP sender's keep-alive connections (after the worker stopped). */
  close(): void;
}

export function createWebhooks(options: WebhooksOptions): Webhooks {
  const settings = resolveSettings(options);
  return {
    service: new WebhooksService(settings),
    jobHandlers: { [FANOUT_JOB]: fanoutHandler(settings), [DELIVER_JOB]: deliverHandler(settings) },
    ensureFanout: () => ensureFanout(settings),
    resealSecrets: () => resealAtStart(settings.db, settings.box, { table: 'ot_webhooks', id: 'id', columns: ['secret'] }, settings.logger),
    close: () => {
      if (settings.ownsSender) settings.sender.close();
    },
  };
}
