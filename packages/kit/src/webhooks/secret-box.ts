/**
 * @module Webhook signing secrets at rest. The server must sign with a secret later, so it cannot be
 * stored as a hash (unlike API keys): it is sealed with AES-256-GCM under a key derived (HKDF) from
 * the product's master key when one is set (`enc:v1:<iv>:<tag>:<ciphertext>`, the row id bound as
 * associated data so a sealed secret cannot be moved to another row), and stored as
 * `plain:<secret>` otherwise. The secret itself is shown once, at creation.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export class SecretUnavailableError extends Error {
  override name = 'SecretUnavailableError';
}

export interface SecretBox {
  /** True when secrets are encrypted at rest. */
  readonly encrypts: boolean;
  seal(secret: string, rowId: string): string;
  open(stored: string, rowId: string): string;
}

export interface SecretBoxOptions {
  /** Any string of 32+ characters, or null/undefined to store secrets as is. */
  masterKey: string | null | undefined;
  /** The environment variable that holds it (named in errors), e.g. `OPENTRAIN_SECRET_KEY`. */
  keyName: string;
  /** HKDF salt and info: fixed per product, so its sealed secrets open only there. */
  salt: string;
  info: string;
}

export const MIN_MASTER_KEY_LENGTH = 32;

export function createSecretBox({ masterKey, keyName, salt, info }: SecretBoxOptions): SecretBox {
  if (masterKey != null && masterKey.length < MIN_MASTER_KEY_LENGTH) throw new RangeError(`${keyName} must be at least ${MIN_MASTER_KEY_LENGTH} characters`);
  const key = masterKey ? Buffer.from(hkdfSync('sha256', masterKey, salt, info, 32)) : null;
  return {
    encrypts: key !== null,
    seal(secret, rowId) {
      if (!key) return `plain:${secret}`;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(rowId));
      const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return ['enc', 'v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
    },
    open(stored, rowId) {
      if (stored.startsWith('plain:')) return stored.slice('plain:'.length);
      const [kind, version, iv, tag, ciphertext] = stored.split(':');
      if (kind !== 'enc' || version !== 'v1' || !iv || !tag || !ciphertext) throw new SecretUnavailableError(`Webhook ${rowId}: unrecognised secret format`);
      if (!key) throw new SecretUnavailableError(`Webhook ${rowId}: its secret is encrypted and ${keyName} is not set`);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(rowId));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretUnavailableError(`Webhook ${rowId}: the secret does not decrypt with the current ${keyName}`);
      }
    },
  };
}
