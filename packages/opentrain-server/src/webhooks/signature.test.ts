import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSecretBox, generateWebhookSecret, SecretUnavailableError } from './secrets';
import { parseSignatureHeader, signatureHeader, verifyOpenTrainSignature } from './signature';

const secret = 'whsec_0123456789abcdefghijABCDEFGHIJ012345';
const now = new Date('2026-03-01T10:00:00Z');
const t = Math.floor(now.getTime() / 1000);

describe('signature', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 keyed by the secret over "<t>.<raw body>">', () => {
    const body = '{"id":"1","type":"contract.created"}';
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signatureHeader(secret, t, body)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies over the raw bytes, within the tolerance, for the right secret only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: -300, max: 300 }), (bytes, skew) => {
        const header = signatureHeader(secret, t, bytes);
        expect(verifyOpenTrainSignature(bytes, header, secret, { now: (t + skew) * 1000 })).toBe(true);
        expect(verifyOpenTrainSignature(bytes, header, `${secret}0`, { now })).toBe(false);
        expect(verifyOpenTrainSignature(Buffer.concat([bytes, Buffer.from('x')]), header, secret, { now })).toBe(false);
      }),
      { numRuns: 100 },
    );
    const header = signatureHeader(secret, t, 'body');
    expect(verifyOpenTrainSignature('body', header, secret, { now: (t + 301) * 1000 })).toBe(false);
    expect(verifyOpenTrainSignature('body', header, secret, { now: (t - 301) * 1000 })).toBe(false);
    expect(verifyOpenTrainSignature('body', header, secret, { now: (t + 3600) * 1000, toleranceSeconds: 3600 })).toBe(true);
  });

  it('accepts any of several v1 entries (rotation) and rejects malformed headers', () => {
    const good = signatureHeader(secret, t, 'b').split(',v1=')[1];
    expect(verifyOpenTrainSignature('b', `t=${t},v1=${'0'.repeat(64)},v1=${good}`, secret, { now })).toBe(true);
    expect(verifyOpenTrainSignature('b', ` t=${t} , v0=abc, v1=${good.toUpperCase()} `, secret, { now })).toBe(true);
    for (const bad of [undefined, null, '', `v1=${good}`, `t=${t}`, `t=abc,v1=${good}`, `t=${t},v1=${good.slice(2)}`, `t=${t},v1=${'z'.repeat(64)}`]) {
      expect(verifyOpenTrainSignature('b', bad, secret, { now })).toBe(false);
    }
    expect(verifyOpenTrainSignature('b', signatureHeader(secret, t, 'b'), '', { now })).toBe(false);
    expect(parseSignatureHeader(`t=${t},v1=${good},v2=x`)).toEqual({ timestamp: t, signatures: [good] });
  });
});

describe('secret storage', () => {
  it('generates whsec_ secrets', () => {
    expect(generateWebhookSecret()).toMatch(/^whsec_[0-9A-Za-z]{38}$/);
    expect(generateWebhookSecret()).not.toBe(generateWebhookSecret());
  });

  it('seals with AES-256-GCM bound to the webhook id; opens only with the same key and id', () => {
    const box = createSecretBox('a-long-operator-key-of-at-least-32-chars!');
    const sealed = box.seal(secret, 'wh_1');
    expect(box.encrypts).toBe(true);
    expect(sealed).toMatch(/^enc:v1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain(secret.slice(6));
    expect(box.seal(secret, 'wh_1')).not.toBe(sealed); // fresh IV each time
    expect(box.open(sealed, 'wh_1')).toBe(secret);
    expect(() => box.open(sealed, 'wh_2')).toThrow(SecretUnavailableError);
    expect(() => createSecretBox('another-long-operator-key-of-32-chars!!').open(sealed, 'wh_1')).toThrow(/does not decrypt/);
    expect(() => createSecretBox(null).open(sealed, 'wh_1')).toThrow(/OPENTRAIN_SECRET_KEY is not set/);
  });

  it('stores as is without a key (and still opens those rows once a key is configured)', () => {
    const plain = createSecretBox(undefined);
    expect(plain.encrypts).toBe(false);
    expect(plain.seal(secret, 'wh_1')).toBe(`plain:${secret}`);
    expect(createSecretBox('k'.repeat(32)).open(`plain:${secret}`, 'wh_1')).toBe(secret);
    expect(() => createSecretBox('short')).toThrow(/at least 32/);
  });
});
