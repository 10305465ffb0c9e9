/**
 * @module Webhook signing secrets. A secret is `whsec_` + 32 base62 chars + a CRC32 checksum (kit
 * generateToken), shown once at creation. The server must sign with it later, so it cannot be stored
 * as a hash: it is sealed with AES-256-GCM under a key derived from OPENTRAIN_SECRET_KEY when that is
 * set (`enc:v1:<iv>:<tag>:<ciphertext>`, the webhook id bound as associated data so a sealed secret
 * cannot be moved to another row), and stored as `plain:<secret>` otherwise. See docs/webhooks.md.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { generateToken } from '@platform/kit';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

export function generateWebhookSecret(): string {
  return generateToken(WEBHOOK_SECRET_PREFIX);
}

export class SecretUnavailableError extends Error {
  override name = 'SecretUnavailableError';
}

export interface SecretBox {
  /** True when secrets are encrypted at rest. */
  readonly encrypts: boolean;
  seal(secret: string, webhookId: string): string;
  open(stored: string, webhookId: string): string;
}

/** `masterKey` = OPENTRAIN_SECRET_KEY (any string of 32+ characters), or null to store secrets as is. */
export function createSecretBox(masterKey: string | null | undefined): SecretBox {
  if (masterKey != null && masterKey.length < 32) throw new RangeError('OPENTRAIN_SECRET_KEY must be at least 32 characters');
  const key = masterKey ? Buffer.from(hkdfSync('sha256', masterKey, 'opentrain', 'opentrain webhook secrets v1', 32)) : null;
  return {
    encrypts: key !== null,
    seal(secret, webhookId) {
      if (!key) return `plain:${secret}`;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(webhookId));
      const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return ['enc', 'v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
    },
    open(stored, webhookId) {
      if (stored.startsWith('plain:')) return stored.slice('plain:'.length);
      const [kind, version, iv, tag, ciphertext] = stored.split(':');
      if (kind !== 'enc' || version !== 'v1' || !iv || !tag || !ciphertext) throw new SecretUnavailableError(`Webhook ${webhookId}: unrecognised secret format`);
      if (!key) throw new SecretUnavailableError(`Webhook ${webhookId}: its secret is encrypted and OPENTRAIN_SECRET_KEY is not set`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(webhookId));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretUnavailableError(`Webhook ${webhookId}: the secret does not decrypt with the current OPENTRAIN_SECRET_KEY`);
      }
    },
  };
}
