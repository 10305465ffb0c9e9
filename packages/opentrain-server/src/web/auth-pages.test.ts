/** Human sign-up, sign-in (emailed link or password) and sign-out over HTTP, with the cookie, CSRF and header rules. */
import { listSandboxMail, minutes } from '@platform/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, uniqueEmail } from '../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const verifyToken = (link: string) => new URL(link).searchParams.get('token') as string;

describe('sign-up and sign-in by emailed link', () => {
  it('creates the account from the link, signs in with an HttpOnly SameSite cookie and lands on next', async () => {
    const email = uniqueEmail();
    const web = h.web();
    const form = await web.get('/signup?next=/account');
    expect(form.status).toBe(200);
    const sent = await web.post('/signup', { email, first_name: 'Ada', last_name: 'Lovelace', next: '/account' });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('Check your email');
    expect(sent.text).toContain('href="/dev/mail"');
    const [mail] = await listSandboxMail(h.database.db, { to: email });
    expect(mail.subject).toBe('Create your OpenTrain account');
    const link = await h.mailLink(email, '/signin/verify');
    const confirm = await web.get(link);
    expect(confirm.text).toContain(`Continue as ${email}`);
    expect(await h.services.users.findByEmail(email)).toBeUndefined(); // opening the link alone changes nothing
    const done = await web.post('/signin/verify', { token: verifyToken(link) }, { follow: false });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/account');
    const session = done.setCookies.find((c) => c.startsWith('ot_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    const account = await web.get('/account');
    expect(account.text).toContain(email);
    const user = await h.services.users.findByEmail(email.toUpperCase());
    expect(user).toMatchObject({ first_name: 'Ada', last_name: 'Lovelace', password_hash: null });
  });

  it('uses a link once', async () => {
    const email = uniqueEmail();
    const { web, link } = await h.signInByLink(email);
    const used = await h.web().get(link);
    expect(used.status).toBe(410);
    expect(used.text).toContain('already used');
    const again = await web.post('/signin/verify', { token: verifyToken(link) });
    expect(again.status).toBe(400);
  });

  it('expires a link after 15 minutes (injected clock)', async () => {
    const email = uniqueEmail();
    const web = h.web();
    await web.get('/signin');
    await web.post('/signin', { email });
    const link = await h.mailLink(email, '/signin/verify');
    h.clock.advance(minutes(15));
    expect((await web.get(link)).status).toBe(410);
    const post = await web.post('/signin/verify', { token: verifyToken(link) });
    expect(post.status).toBe(400);
    expect(post.text).toContain('expired');
  });

  it('turns a sign-up for an existing email into a plain sign-in link that changes nothing', async () => {
    const email = uniqueEmail();
    await h.signInByLink(email);
    const web = h.web();
    await web.get('/signup');
    await web.post('/signup', { email, first_name: 'Mallory', last_name: 'X' });
    const link = await h.mailLink(email, '/signin/verify');
    const mail = (await listSandboxMail(h.database.db, { to: email })).find((m) => m.text.includes(link));
    expect(mail?.subject).toBe('Your OpenTrain sign-in link');
    await web.get(link);
    await web.post('/signin/verify', { token: verifyToken(link) });
    expect((await h.services.users.findByEmail(email))?.first_name).toBe('Hu');
  });

  it('rejects an invalid email with 400 naming the field, and never redirects off-site', async () => {
    const web = h.web();
    await web.get('/signin');
    const bad = await web.post('/signin', { email: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Email: enter a valid email address.');
    const email = uniqueEmail();
    await web.post('/signin', { email, next: '//evil.example/x' });
    const link = await h.mailLink(email, '/signin/verify');
    await web.get(link);
    const done = await web.post('/signin/verify', { token: verifyToken(link) }, { follow: false });
    expect(done.headers.get('location')).toBe('/');
  });

  it.each([
    ['a tab', '/\t/evil.example'],
    ['a backslash', '/\\evil.example'],
    ['a newline', '/\n/evil.example'],
  ])('keeps next on this site when it hides another host behind %s, and the link still works', async (_what, next) => {
    const email = uniqueEmail();
    const web = h.web();
    await web.get(`/signin?next=${encodeURIComponent(next)}`);
    await web.post('/signin', { email, next });
    const link = await h.mailLink(email, '/signin/verify');
    await web.get(link);
    const done = await web.post('/signin/verify', { token: verifyToken(link) }, { follow: false });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    // Already signed in: GET /signin?next=… redirects at once, through the same rule.
    const again = await web.get(`/signin?next=${encodeURIComponent(next)}`, false);
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/');
  });

  it('limits sign-in emails to 5 per hour per address', async () => {
    const email = uniqueEmail();
    const web = h.web();
    await web.get('/signin');
    for (let i = 0; i < 5; i++) expect((await web.post('/signin', { email })).status).toBe(200);
    const refused = await web.post('/signin', { email });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many attempts');
  });
});

describe('passwords, sign-out, CSRF and headers', () => {
  it('signs up with an optional password, then signs in with it; a wrong password is refused', async () => {
    const email = uniqueEmail();
    const web = h.web();
    await web.get('/signup');
    const short = await web.post('/signup', { email, password: 'short' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('Password: use 10 to 200 characters');
    await web.post('/signup', { email, password: 'correct horse battery' });
    const link = await h.mailLink(email, '/signin/verify');
    await web.get(link);
    await web.post('/signin/verify', { token: verifyToken(link) });
    expect((await h.services.users.findByEmail(email))?.password_hash).toMatch(/^scrypt\$/);

    const other = h.web();
    await other.get('/signin');
    const wrong = await other.post('/signin', { email, password: 'wrong password!' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Password: email or password is incorrect');
    const ok = await other.post('/signin', { email, password: 'correct horse battery', next: '/account' }, { follow: false });
    expect(ok.status).toBe(303);
    expect((await other.get('/account')).text).toContain(email);
  });

  it('signs out: the session ends server-side', async () => {
    const { web } = await h.signInByLink(uniqueEmail());
    const cookie = web.cookies.get('ot_session') as string;
    await web.get('/account');
    const out = await web.post('/signout', {});
    expect(out.url).toBe(`${h.url}/`);
    const replay = await fetch(`${h.url}/account`, { headers: { Cookie: `ot_session=${cookie}` }, redirect: 'manual' });
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe('/signin?next=/account');
  });

  it('refuses forms without the CSRF token or from another origin', async () => {
    const web = h.web();
    await web.get('/signin');
    const missing = await web.post('/signin', { email: uniqueEmail() }, { csrf: null });
    expect(missing.status).toBe(403);
    expect(missing.text).toContain('Form expired');
    const forged = await web.post('/signin', { email: uniqueEmail() }, { csrf: 'A'.repeat(32) });
    expect(forged.status).toBe(403);
    const crossSite = await web.post('/signin', { email: uniqueEmail() }, { origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
  });

  it('sends pages with anti-framing, no-referrer and no-store headers', async () => {
    const res = await h.web().get('/signin');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const csrf = res.setCookies.find((c) => c.startsWith('csrf_token='));
    expect(csrf).toMatch(/HttpOnly/);
    expect(csrf).toMatch(/SameSite=Lax/);
  });
});
