/** TrainAR: NUL bytes anywhere are a 400 naming the field (never a 500); redirects never leave the site. */
import { trainarApi } from '@trainar/api';
import { SCOPES } from '@trainar/api';
import { controlCharacterProbeFailures, controlCharacterProbes, FormClientFromIp } from '@platform/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startHarness, type TrainArHarness, WebClient } from './testing/index';

let h: TrainArHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('NUL and control characters', () => {
  it('answers 400 VALIDATION_ERROR naming the field for every string of every operation', async () => {
    const t = await h.createTenant();
    const { key } = await h.createKey(t.tenantId, SCOPES);
    expect(new Set(controlCharacterProbes(trainarApi).map((p) => p.operation)).size).toBeGreaterThan(8);
    const failures = await controlCharacterProbeFailures(h.url, trainarApi, key, (body, field) => String(body.message ?? '').includes(`${field}:`));
    expect(failures).toEqual([]);
  }, 60_000);

  it('answers a plain 400 on dashboard pages: query, path and form posts', async () => {
    expect((await fetch(`${h.url}/signin?next=%00`)).status).toBe(400);
    expect((await fetch(`${h.url}/dashboard/users/%00`)).status).toBe(400);
    const web = new WebClient(h.url);
    await web.get('/signin');
    const post = await web.post('/signin', { email: 'someone@example.test', password: `pass\u0000word` });
    expect(post.status).toBe(400);
    expect(post.text).toContain('password');
  });
});

describe('redirects', () => {
  it.each(['/\t/evil.example', '/\\evil.example', '/\n/evil.example', '//evil.example'])('keeps next %j on this site', async (next) => {
    const t = await h.createTenant();
    const web = new WebClient(h.url);
    const res = await web.submit('/signin', '/signin', { email: t.adminEmail, password: PASSWORD, next });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/dashboard');
  });
});

describe('security headers', () => {
  it('sends a strict CSP, no framing, no referrer and nosniff on every dashboard page; scripts come from a file', async () => {
    const t = await h.createTenant();
    const web = new WebClient(h.url);
    await web.submit('/signin', '/signin', { email: t.adminEmail, password: PASSWORD });
    const anonymous = new WebClient(h.url);
    const pages: Array<[WebClient, string]> = [
      [anonymous, '/signin'],
      [anonymous, '/signup'],
      [anonymous, '/invite/accept?token=nope'],
      ...['/dashboard', '/dashboard/users', '/dashboard/api', '/dashboard/settings'].map((p): [WebClient, string] => [web, p]),
    ];
    for (const [client, path] of pages) {
      const res = await client.get(path);
      expect(res.status, path).toBeLessThan(500);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toMatch(/style-src 'self'( 'sha256-[A-Za-z0-9+/=]+')?;/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.text, path).not.toMatch(/<script>|\son(submit|click|change)=/);
    }
    const script = await fetch(`${h.url}/dashboard/assets/dashboard.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });
});

describe('sign-in lockout', () => {
  it('an attacker guessing your password locks out their own IP, not you', async () => {
    const t = await h.createTenant();
    const attacker = new FormClientFromIp(h.url, '127.0.0.2');
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await attacker.submit('/signin', '/signin', { email: t.adminEmail, password: `guess ${i} wrong` })).status;
    expect(last).toBe(429);
    const owner = new FormClientFromIp(h.url, '127.0.0.1');
    const res = await owner.submit('/signin', '/signin', { email: t.adminEmail, password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/dashboard');
  });
});
