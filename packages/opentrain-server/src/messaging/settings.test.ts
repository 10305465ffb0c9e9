/** Messaging configuration: defaults, environment variables, settings overrides, bad values. */
import { ConfigError } from '@platform/kit';
import { describe, expect, it } from 'vitest';
import { resolveMessagingSettings } from './settings';
import { decodeListCursor, encodeListCursor, maskName } from './views';

describe('resolveMessagingSettings', () => {
  it('defaults, reads the environment, and lets settings win', () => {
    expect(resolveMessagingSettings({}, {})).toEqual({ rateLimit: 20, rateWindowSeconds: 60, sandboxReplyDelaySeconds: 20 });
    const env = { OPENTRAIN_MESSAGE_RATE_LIMIT: '5', OPENTRAIN_MESSAGE_RATE_WINDOW_SECONDS: '30', OPENTRAIN_SANDBOX_REPLY_DELAY_SECONDS: '0' };
    expect(resolveMessagingSettings({}, env)).toEqual({ rateLimit: 5, rateWindowSeconds: 30, sandboxReplyDelaySeconds: 0 });
    expect(resolveMessagingSettings({ messageRateLimit: 2, sandboxReplyDelaySeconds: 1 }, env)).toEqual({ rateLimit: 2, rateWindowSeconds: 30, sandboxReplyDelaySeconds: 1 });
  });

  it('names a bad variable', () => {
    expect(() => resolveMessagingSettings({}, { OPENTRAIN_MESSAGE_RATE_LIMIT: 'lots' })).toThrow(ConfigError);
    expect(() => resolveMessagingSettings({}, { OPENTRAIN_MESSAGE_RATE_LIMIT: '0' })).toThrow(/OPENTRAIN_MESSAGE_RATE_LIMIT/);
  });
});

describe('list cursors and masking', () => {
  it('round-trips a cursor and rejects tampered ones with field "cursor"', () => {
    const at = { updatedAt: new Date('2026-05-01T10:00:00.123Z'), id: 'conv_1' };
    expect(decodeListCursor(encodeListCursor(at))).toEqual(at);
    for (const bad of ['', 'not a cursor', Buffer.from('{"u":"nope","i":"x"}').toString('base64url'), Buffer.from('[1]').toString('base64url')]) {
      expect(() => decodeListCursor(bad), bad).toThrow(expect.objectContaining({ status: 400, details: { field: 'cursor' } }));
    }
  });

  it('masks names as "First L."', () => {
    expect(maskName('Maria', 'garcia')).toBe('Maria G.');
    expect(maskName('Maria', null)).toBe('Maria');
    expect(maskName(null, 'Garcia')).toBe('AI trainer');
  });
});
