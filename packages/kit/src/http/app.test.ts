import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { sampleErrorModel } from '../../test/sample/sample-api';
import { redactSecrets } from '../log/logger';
import { CsrfError } from '../web/csrf';
import { createApp } from './app';
import { trustedProxiesFromEnv } from './client-address';
import { clientIp } from './rest';
import { listen } from './serve';

describe('createApp', () => {
  const logger = pino({ level: 'silent' });

  it('answers a failed CSRF check with a readable 403, not a 500 envelope', async () => {
    const app = createApp({ errorModel: sampleErrorModel, logger, apiPrefixes: ['/api/'], ready: async () => true });
    app.post('/form', () => {
      throw new CsrfError('The form expired or came from another site. Reload the page and try again.');
    });
    const res = await app.request('http://localhost/form', { method: 'POST' });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Reload the page');
  });

  it('unknown API routes get the envelope; other paths a plain 404', async () => {
    const app = createApp({ errorModel: sampleErrorModel, logger, apiPrefixes: ['/api/'], ready: async () => true });
    const api = await app.request('http://localhost/api/nope');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
    expect((await app.request('http://localhost/nope')).status).toBe(404);
  });
});

describe('the caller address behind a reverse proxy', () => {
  async function addressSeen(trustedProxies: string[], forwardedFor?: string): Promise<string> {
    const app = createApp({ errorModel: sampleErrorModel, logger: pino({ level: 'silent' }), apiPrefixes: ['/api/'], ready: async () => true, trustedProxies });
    app.get('/ip', (c) => c.text(clientIp(c) ?? 'none'));
    const server = await listen(app, { port: 0 });
    try {
      return await (await fetch(`${server.url}/ip`, { headers: forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {} })).text();
    } finally {
      await server.close();
    }
  }

  it('believes X-Forwarded-For only from a trusted proxy, read from the right', async () => {
    // No trusted proxy: a client cannot pick its own per-IP bucket.
    expect(await addressSeen([], '203.0.113.7')).toMatch(/127\.0\.0\.1/);
    // The proxy (loopback here) appended the real peer; the left part is whatever the client sent.
    expect(await addressSeen(['127.0.0.1'], '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
    expect(await addressSeen(['127.0.0.1', '10.0.0.2'], '203.0.113.7, 10.0.0.2')).toBe('203.0.113.7');
    expect(await addressSeen(['::ffff:127.0.0.1'], 'garbage, 2001:db8::1')).toBe('2001:db8::1');
    expect(await addressSeen(['127.0.0.1'])).toMatch(/127\.0\.0\.1/);
  });

  it('TRUSTED_PROXIES must list IP addresses', () => {
    expect(trustedProxiesFromEnv({ TRUSTED_PROXIES: '127.0.0.1, ::1' })).toEqual(['127.0.0.1', '::1']);
    expect(trustedProxiesFromEnv({})).toEqual([]);
    expect(() => trustedProxiesFromEnv({ TRUSTED_PROXIES: 'proxy.internal' })).toThrow(/TRUSTED_PROXIES/);
  });
});

describe('redactSecrets', () => {
  it('hides every token shape we issue, including webhook secrets', () => {
    const secrets = ['ot_pat_0123456789abcdefghijABCDEFGHIJ', 'tak_0123456789abcdefghijABCDEFGHIJ', 'whsec_0123456789abcdefghijABCDEFGHIJ'];
    const text = redactSecrets(`sent ${secrets.join(' and ')} to the client`);
    for (const secret of secrets) expect(text).not.toContain(secret.slice(-20));
    expect(text).toContain('whsec_[REDACTED]');
  });

  it('keeps ordinary words with underscores', () => {
    expect(redactSecrets('user_id and created_at')).toBe('user_id and created_at');
  });
});
