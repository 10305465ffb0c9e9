/**
 * @module Webhook signing secrets at rest. The server must sign with a secret later, so it cannot be
 * stored as a hash (unlike API keys): it is sealed with AES-256-GCM under a key derived (HKDF) from
 * the product's master key when one is set (`enc:v1:<iv>:<tag>:<ciphertext>`, the row id bound as
 * associated data so a sealed secret cannot be moved to another row), and stored as
 * `plain:<secret>` otherwise. The secret itself is shown once, at creation.
 *
 * Rotating the master key: previous keys (`*_SECRET_KEY_PREVIOUS`) still open what they sealed, and
 * `reseal` gives the value sealed under the current key, so a start-up pass (`resealColumns`)
 * moves every stored secret to the current key; the previous key can then be dropped.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export class SecretUnavailableError extends Error {
  override name = 'SecretUnavailableError';
}

export interface SecretBox {
  /** True when secrets are encrypted at rest. */
  readonly encrypts: boolean;
  /** True while previous keys are configured (a rotation in progress: sealed values may need resealing). */
  readonly rotating: boolean;
  seal(secret: string, rowId: string): string;
  /** Opens with the current key, else with a previous one. */
  open(stored: string, rowId: string): string;
  /** `stored` sealed under the current key, or null when it already is (or no key is set: plain stays plain). */
  reseal(stored: string, rowId: string): string | null;
}

export interface SecretBoxOptions {
  /** Any string of 32+ characters, or null/undefined to store secrets as is. */
  masterKey: string | null | undefined;
  /** Keys rotated away from: they still open secrets, never seal. */
  previousKeys?: readonly string[];
  /** The environment variable that holds it (named in errors), e.g. `OPENTRAIN_SECRET_KEY`. */
  keyName: string;
  /** HKDF salt and info: fixed per product, so its sealed secrets open only there. */
  salt: string;
  info: string;
}

export const MIN_MASTER_KEY_LENGTH = 32;

export function createSecretBox({ masterKey, previousKeys = [], keyName, salt, info }: SecretBoxOptions): SecretBox {
  for (const [name, k] of [[keyName, masterKey], ...previousKeys.map((p) => [`${keyName}_PREVIOUS`, p] as const)] as const) {
    if (k != null && k.length < MIN_MASTER_KEY_LENGTH) throw new RangeError(`${name} must be at least ${MIN_MASTER_KEY_LENGTH} characters`);
  }
  const derive = (k: string) => Buffer.from(hkdfSync('sha256', k, salt, info, 32));
  const key = masterKey ? derive(masterKey) : null;
  const previous = previousKeys.filter((k) => k !== masterKey).map(derive);
  const decrypt = (k: Buffer, parts: string[], rowId: string) => {
    const [, , iv, tag, ciphertext] = parts;
    const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(rowId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  };
  /** The secret and whether the current key opened it. */
  const openWithAnyKey = (stored: string, rowId: string): { secret: string; current: boolean } => {
    if (stored.startsWith('plain:')) return { secret: stored.slice('plain:'.length), current: key === null };
    const parts = stored.split(':');
    const [kind, version, iv, tag, ciphertext] = parts;
    if (kind !== 'enc' || version !== 'v1' || !iv || !tag || !ciphertext) throw new SecretUnavailableError(`Webhook ${rowId}: unrecognised secret format`);
    if (!key && previous.length === 0) throw new SecretUnavailableError(`Webhook ${rowId}: its secret is encrypted and ${keyName} is not set`);
    for (const [k, current] of [...(key ? [[key, true] as const] : []), ...previous.map((p) => [p, false] as const)]) {
      try {
        return { secret: decrypt(k, parts, rowId), current };
      } catch {
        // not sealed under this key: try the next
      }
    }
    const tried = previous.length > 0 ? `${keyName} or ${keyName}_PREVIOUS` : `the current ${keyName}`;
    throw new SecretUnavailableError(`Webhook ${rowId}: the secret does not decrypt with ${tried}`);
  };
  const seal = (secret: string, rowId: string) => {
    if (!key) return `plain:${secret}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(rowId));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['enc', 'v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
  };
  return {
    encrypts: key !== null,
    rotating: previous.length > 0,
    seal,
    open: (stored, rowId) => openWithAnyKey(stored, rowId).secret,
    reseal(stored, rowId) {
      if (!key) return null;
      const { secret, current } = openWithAnyKey(stored, rowId);
      return current ? null : seal(secret, rowId);
    },
  };
}
