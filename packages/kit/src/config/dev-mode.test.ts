import { describe, expect, it } from 'vitest';
import { assertMailDelivery, isLoopbackHost, resolveDevMode } from './dev-mode';
import { ConfigError } from './env';

describe('dev mode', () => {
  it('is on by default only on a loopback listener with the embedded database', () => {
    for (const host of [undefined, '127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(host), String(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.10', '10.0.0.2', 'example.com', '::ffff:10.0.0.1']) expect(isLoopbackHost(host), host).toBe(false);
    expect(resolveDevMode({ host: '127.0.0.1' })).toBe(true);
    expect(resolveDevMode({ host: '0.0.0.0' })).toBe(false);
    expect(resolveDevMode({ host: '127.0.0.1', databaseUrl: 'postgres://db/x' })).toBe(false);
  });

  it('DEV_MODE decides either way', () => {
    expect(resolveDevMode({ host: '0.0.0.0', databaseUrl: 'postgres://db/x', devMode: true })).toBe(true);
    expect(resolveDevMode({ host: '127.0.0.1', devMode: false })).toBe(false);
  });

  it('refuses to start without SMTP outside dev mode, saying why and what to set', () => {
    expect(() => assertMailDelivery('OpenTrain', { host: '127.0.0.1' })).not.toThrow();
    expect(() => assertMailDelivery('OpenTrain', { host: '0.0.0.0', smtpUrl: 'smtp://mail:587' })).not.toThrow();
    const wide = (() => {
      try {
        assertMailDelivery('OpenTrain', { host: '0.0.0.0', databaseUrl: 'postgres://db/x' });
      } catch (err) {
        return err as Error;
      }
    })();
    expect(wide).toBeInstanceOf(ConfigError);
    expect(wide?.message).toContain('OpenTrain will not start without SMTP_URL outside dev mode (it listens on 0.0.0.0 (not loopback) and DATABASE_URL is set)');
    expect(wide?.message).toContain('DEV_MODE=1');
    expect(() => assertMailDelivery('TrainAR', { host: '127.0.0.1', devMode: false })).toThrow(/TrainAR will not start without SMTP_URL outside dev mode \(DEV_MODE=0\)/);
  });
});
