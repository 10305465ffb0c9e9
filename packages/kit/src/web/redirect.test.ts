/** The shared redirect rule: what a browser would resolve to another origin never leaves the site. */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { redirectTo, sameSitePath } from './redirect';

describe('sameSitePath', () => {
  it('keeps same-site paths with their query and hash', () => {
    expect(sameSitePath('/claim?token=abc#x')).toBe('/claim?token=abc#x');
    expect(sameSitePath('/approvals/apr_1')).toBe('/approvals/apr_1');
  });

  it.each([
    '//evil.example',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/.//evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    'evil.example',
    '',
    `/${'a'.repeat(2001)}`,
  ])('refuses %j', (target) => {
    expect(sameSitePath(target, '/home')).toBe('/home');
  });

  it('percent-encodes what it keeps, so no raw character reaches a Location header', () => {
    expect(sameSitePath('/a b?q=é')).toBe('/a%20b?q=%C3%A9');
  });
});

describe('redirectTo', () => {
  const app = new Hono();
  app.get('/go', (c) => redirectTo(c, c.req.query('to') ?? '', { fallback: '/safe', allowedOrigins: ['https://checkout.example'] }));
  const locationFor = async (to: string) => (await app.request(`http://site.test/go?to=${encodeURIComponent(to)}`)).headers.get('location');

  it('resolves paths and absolute URLs against the request origin', async () => {
    expect(await locationFor('/next?x=1')).toBe('/next?x=1');
    expect(await locationFor('http://site.test/ok')).toBe('http://site.test/ok');
    expect(await locationFor('https://checkout.example/c/pay/1')).toBe('https://checkout.example/c/pay/1');
  });

  it('sends everything else to the fallback', async () => {
    for (const to of ['/\t/evil.example', 'https://evil.example/x', 'http://checkout.example/', 'javascript:alert(1)', '/\n']) {
      expect(await locationFor(to)).toBe('/safe');
    }
  });
});
