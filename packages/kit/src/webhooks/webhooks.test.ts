/**
 * The kit's webhook pieces on their own: both signature schemes verify only the right bytes, secret
 * and time; sealed secrets open only for their row and key; the retry schedule and the
 * ALLOW_PRIVATE_WEBHOOK_URLS rule. (Deliveries over HTTP, retries on a clock and auto-disable are
 * tested through the products: opentrain-server/src/webhooks, trainar-server/src/webhooks.)
 */
import { describe, expect, it } from 'vitest';
import { minutes } from '../clock';
import { nextAttemptAt, privateWebhookUrlsAllowed, validateRetrySchedule, webhookUrlAllowance } from './retries';
import { createSecretBox, SecretUnavailableError } from './secret-box';
import { generateStandardWebhookSecret, parseTimestampedSignature, standardWebhookHeaders, timestampedSignatureHeader, verifyStandardWebhook, verifyTimestampedSignature } from './signing';

const body = '{"event":"task.created","data":{"title":"Pump"}}';
const t = 1_780_000_000;

describe('kit webhook signing', () => {
  it('timestamped scheme: verifies the exact bytes, secret and time; several v1 entries may appear', () => {
    const header = timestampedSignatureHeader('whsec_abc', t, body);
    expect(header).toMatch(/^t=1780000000,v1=[0-9a-f]{64}$/);
    expect(verifyTimestampedSignature(body, header, 'whsec_abc', { now: t * 1000 })).toBe(true);
    expect(verifyTimestampedSignature(`${body} `, header, 'whsec_abc', { now: t * 1000 })).toBe(false);
    expect(verifyTimestampedSignature(body, header, 'whsec_other', { now: t * 1000 })).toBe(false);
    expect(verifyTimestampedSignature(body, header, 'whsec_abc', { now: (t + 301) * 1000 })).toBe(false);
    const rotated = `t=${t},v1=${'0'.repeat(64)},${header.split(',')[1]}`;
    expect(parseTimestampedSignature(rotated)?.signatures).toHaveLength(2);
    expect(verifyTimestampedSignature(body, rotated, 'whsec_abc', { now: t * 1000 })).toBe(true);
  });

  it('Standard Webhooks: whsec_ + base64 secrets, v1,<base64> over id.timestamp.body', () => {
    const secret = generateStandardWebhookSecret();
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    const headers = standardWebhookHeaders(secret, 'evt-1', t, body);
    expect(headers).toMatchObject({ 'webhook-id': 'evt-1', 'webhook-timestamp': String(t), 'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]+=*$/) });
    expect(verifyStandardWebhook(body, headers, secret, { now: t * 1000 })).toBe(true);
    expect(verifyStandardWebhook(body, { ...headers, 'webhook-id': 'evt-2' }, secret, { now: t * 1000 })).toBe(false);
    expect(verifyStandardWebhook(body, headers, generateStandardWebhookSecret(), { now: t * 1000 })).toBe(false);
    expect(verifyStandardWebhook(body, headers, secret, { now: (t - 400) * 1000 })).toBe(false);
    expect(() => standardWebhookHeaders('whsec_c2hvcnQ=', 'evt-1', t, body)).toThrow(RangeError);
  });
});

describe('kit secret box', () => {
  const options = { keyName: 'TEST_SECRET_KEY', salt: 'test', info: 'test webhook secrets v1' };

  it('seals with the row id bound, opens only with the same key and row; plain without a key', () => {
    const box = createSecretBox({ ...options, masterKey: 'k'.repeat(32) });
    const sealed = box.seal('whsec_x', 'row-1');
    expect(sealed).toMatch(/^enc:v1:/);
    expect(sealed).not.toContain('whsec_x');
    expect(box.open(sealed, 'row-1')).toBe('whsec_x');
    expect(() => box.open(sealed, 'row-2')).toThrow(SecretUnavailableError);
    expect(() => createSecretBox({ ...options, masterKey: 'j'.repeat(32) }).open(sealed, 'row-1')).toThrow('TEST_SECRET_KEY');
    expect(() => createSecretBox({ ...options, masterKey: null }).open(sealed, 'row-1')).toThrow('TEST_SECRET_KEY is not set');
    expect(createSecretBox({ ...options, masterKey: null }).seal('whsec_x', 'row-1')).toBe('plain:whsec_x');
    expect(() => createSecretBox({ ...options, masterKey: 'short' })).toThrow('TEST_SECRET_KEY must be at least 32 characters');
  });
});

describe('kit retry policy and URL rule', () => {
  it('schedules attempt n+1 after schedule[n-1], none after the last', () => {
    const schedule = [minutes(1), minutes(5)];
    const now = new Date('2026-01-01T00:00:00Z');
    expect(nextAttemptAt(schedule, 1, now)?.toISOString()).toBe('2026-01-01T00:01:00.000Z');
    expect(nextAttemptAt(schedule, 2, now)?.toISOString()).toBe('2026-01-01T00:05:00.000Z');
    expect(nextAttemptAt(schedule, 3, now)).toBeNull();
    expect(() => validateRetrySchedule([1, -1])).toThrow(RangeError);
  });

  it('ALLOW_PRIVATE_WEBHOOK_URLS: 1 = private, 0 = public, unset = loopback only in dev mode', () => {
    expect(privateWebhookUrlsAllowed({ ALLOW_PRIVATE_WEBHOOK_URLS: ' On ' })).toBe(true);
    expect(privateWebhookUrlsAllowed({})).toBe(false);
    expect(webhookUrlAllowance({ allowPrivate: true, devMode: false })).toBe('private');
    expect(webhookUrlAllowance({ allowPrivate: false, devMode: true })).toBe('public');
    expect(webhookUrlAllowance({ allowPrivate: undefined, devMode: true })).toBe('loopback');
    expect(webhookUrlAllowance({ allowPrivate: undefined, devMode: false })).toBe('public');
  });
});
