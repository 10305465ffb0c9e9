import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { sampleErrorModel } from '../../test/sample/sample-api';
import { redactSecrets } from '../log/logger';
import { CsrfError } from '../web/csrf';
import { createApp } from './app';

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
