import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { csrfField, CsrfError, sameOriginOnly, verifyCsrf } from './csrf';
import { html, layout } from './page';
import { SessionStore, sessionMigrations } from './sessions';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase(sessionMigrations);
});
afterAll(async () => database?.close());

function cookiesFrom(res: Response): string {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

describe('sessions and CSRF', () => {
  const clock = new ManualClock('2026-05-01T10:00:00Z');
  const app = new Hono();
  app.use(sameOriginOnly());
  app.onError((err, c) => (err instanceof CsrfError ? c.text(err.message, 403) : c.text('boom', 500)));
  app.get('/form', (c) => c.html(layout({ title: 'Form', product: 'Test', body: html`<form method="post">${csrfField(c)}</form><p>${'<script>x</script>'}</p>` })));
  app.post('/login', async (c) => {
    verifyCsrf(c, await c.req.parseBody());
    await new SessionStore(database.db, clock, { cookieName: 'sid', ttlMs: 3600_000 }).signIn(c, 'user_1');
    return c.text('ok');
  });
  app.get('/me', async (c) => c.text((await new SessionStore(database.db, clock, { cookieName: 'sid', ttlMs: 3600_000 }).userId(c)) ?? 'anonymous'));

  it('escapes interpolated text and embeds a CSRF token that must match the cookie', async () => {
    const page = await app.request('http://localhost/form');
    const body = await page.text();
    expect(body).toContain('&lt;script&gt;x&lt;/script&gt;');
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] as string;
    const cookie = cookiesFrom(page);
    const forged = await app.request('http://localhost/login', { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: '_csrf=wrong' });
    expect(forged.status).toBe(403);
    const crossSite = await app.request('http://localhost/login', { method: 'POST', headers: { Cookie: cookie, Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' }, body: `_csrf=${token}` });
    expect(crossSite.status).toBe(403);
    const ok = await app.request('http://localhost/login', { method: 'POST', headers: { Cookie: cookie, Origin: 'http://localhost', 'Content-Type': 'application/x-www-form-urlencoded' }, body: `_csrf=${token}` });
    expect(ok.status).toBe(200);
    const setCookie = ok.headers.getSetCookie().join('\n');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    const me = await app.request('http://localhost/me', { headers: { Cookie: cookiesFrom(ok) } });
    expect(await me.text()).toBe('user_1');
    clock.advance(3600_000);
    const expired = await app.request('http://localhost/me', { headers: { Cookie: cookiesFrom(ok) } });
    expect(await expired.text()).toBe('anonymous');
  });
});
