/**
 * @module Webhook machinery shared by the products (docs/webhooks.md, "The kit's webhook
 * machinery"): signing (timestamped HMAC and Standard Webhooks), secrets sealed at rest, the
 * SSRF-guarded sender with a deadline (DNS checked at send time), the retry schedule, auto-disable
 * and the delivery-log shape, and "send test". Products own their tables, events and fan-out.
 */
export * from './retries';
export * from './secret-box';
export * from './sender';
export * from './signing';
export * from './reseal';
