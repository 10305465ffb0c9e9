/**
 * @module Webhook signing secrets. A secret is `whsec_` + 32 base62 chars + a CRC32 checksum (kit
 * generateToken), shown once at creation. The server must sign with it later, so it is sealed with
 * the kit's secret box (AES-256-GCM under a key derived from OPENTRAIN_SECRET_KEY when that is set,
 * `plain:<secret>` otherwise; the webhook id bound as associated data). See docs/webhooks.md.
 */
import { createSecretBox as createKitSecretBox, generateToken, type SecretBox } from '@platform/kit';

export { type SecretBox, SecretUnavailableError } from '@platform/kit';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

export function generateWebhookSecret(): string {
  return generateToken(WEBHOOK_SECRET_PREFIX);
}

/** `masterKey` = OPENTRAIN_SECRET_KEY (any string of 32+ characters), or null to store secrets as is. */
export function createSecretBox(masterKey: string | null | undefined, previousKeys: readonly string[] = []): SecretBox {
  // Salt and info are fixed: secrets sealed before the move to the kit still open.
  return createKitSecretBox({ masterKey, previousKeys, keyName: 'OPENTRAIN_SECRET_KEY', salt: 'opentrain', info: 'opentrain webhook secrets v1' });
}
