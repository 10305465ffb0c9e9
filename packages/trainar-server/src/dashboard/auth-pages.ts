/**
 * @module Sign up (creates a tenant and its first admin), sign in (email + password), sign out and
 * the set-password page behind invitation links. Every form carries a CSRF token; sign-in and
 * sign-up are rate limited per IP (and sign-in per email too).
 */
import type { AppEnv } from '@platform/kit';
import { ApiError, button, clientIp, csrfField, field, GuessThrottle, html, redirectTo, sameSitePath, z } from '@platform/kit';
import type { Context, Hono } from 'hono';
import { canonicalTimezone } from '../account';
import { currentUser, readForm, withFormErrors } from '../platform/session';
import { formField, noticeFrom, page } from '../platform/view';
import { findInvitation, MIN_PASSWORD_LENGTH, passwordProblem } from '../users';
import type { ShellPageDeps } from './context';

const emailOk = (v: string) => z.email().max(254).safeParse(v).success;
// Only same-site paths, resolved as a browser would (the kit's shared rule for both products).
const safeNext = (next: string) => sameSitePath(next, '/dashboard');

function signUpForm(c: Context, values: Record<string, string> = {}) {
  return html`<article class="narrow"><h1>Create your TrainAR organisation</h1>
    <p>Your team's AR-glasses training in one place. You become its first admin.</p>
    <form method="post" action="/signup">
      ${csrfField(c)}
      ${field({ name: 'organisation', label: 'Organisation name', required: true, value: values.organisation, attrs: { maxlength: 200 } })}
      ${field({ name: 'full_name', label: 'Your full name', required: true, value: values.full_name, attrs: { maxlength: 200, autocomplete: 'name' } })}
      ${field({ name: 'email', label: 'Email', type: 'email', required: true, value: values.email, attrs: { autocomplete: 'email' } })}
      ${field({ name: 'password', label: 'Password', type: 'password', required: true, hint: `At least ${MIN_PASSWORD_LENGTH} characters.`, attrs: { minlength: MIN_PASSWORD_LENGTH, autocomplete: 'new-password' } })}
      <input type="hidden" name="timezone" id="timezone" value="UTC" data-timezone />
      ${button('Create organisation', { pending: 'Creating…' })}
    </form>
    <p>Already have an account? <a href="/signin">Sign in</a>.</p></article>`;
}

function signInForm(c: Context, email = '', next = '') {
  return html`<article class="narrow"><h1>Sign in</h1>
    <form method="post" action="/signin">
      ${csrfField(c)}
      <input type="hidden" name="next" value="${next}" />
      ${field({ name: 'email', label: 'Email', type: 'email', required: true, value: email, attrs: { autocomplete: 'email' } })}
      ${field({ name: 'password', label: 'Password', type: 'password', required: true, attrs: { autocomplete: 'current-password' } })}
      ${button('Sign in', { pending: 'Signing in…' })}
    </form>
    <p>New to TrainAR? <a href="/signup">Create an organisation</a>.</p></article>`;
}

function setPasswordForm(c: Context, token: string, email: string, tenantName: string) {
  return html`<h1>Join ${tenantName}</h1>
    <p>Set a password for <strong>${email}</strong>.</p>
    <form method="post" action="/invite/accept">
      ${csrfField(c)}
      <input type="hidden" name="token" value="${token}" />
      <label>Password (at least ${MIN_PASSWORD_LENGTH} characters) <input name="password" type="password" required minlength="${MIN_PASSWORD_LENGTH}" autocomplete="new-password" /></label>
      <label>Repeat password <input name="password_confirm" type="password" required autocomplete="new-password" /></label>
      <button type="submit">Set password and sign in</button>
    </form>`;
}

const INVITE_STATES: Record<string, string> = {
  expired: 'This set-password link has expired. Ask an admin of your organisation to send a new one.',
  used: 'This set-password link was already used. Sign in with your email and password.',
  unknown: 'This set-password link is not valid. Check that you copied the whole link from the email.',
  inactive: 'This account is not active. Ask an admin of your organisation.',
};

export function mountAuthPages(app: Hono<AppEnv>, deps: ShellPageDeps): void {
  const { services, sessions, limiter } = deps;
  // Unknown invitation links count as guesses of this address; a used or expired one is a real link.
  const inviteGuesses = new GuessThrottle(limiter, 'tak:bad-invite-link', services.deps.settings.secretGuessesPerIp);
  const findInvitationThrottled = async (c: Context, token: string) => {
    await inviteGuesses.check(clientIp(c));
    const found = await findInvitation(services.deps, token);
    if (found.state === 'unknown') await inviteGuesses.failed(clientIp(c));
    return found;
  };

  app.get('/', async (c) => redirectTo(c, (await currentUser(c, deps)) ? '/dashboard' : '/signin'));

  app.get('/signup', (c) => page(c, { title: 'Sign up', body: signUpForm(c) }));
  app.post('/signup', async (c) => {
    const form = await readForm(c).catch((err) => err as Error);
    if (form instanceof Error) return page(c, { title: 'Sign up', status: 403, error: form.message, body: signUpForm(c) });
    const values = { organisation: formField(form, 'organisation').trim(), full_name: formField(form, 'full_name').trim(), email: formField(form, 'email').trim().toLowerCase() };
    const password = formField(form, 'password');
    const again = (error: string, status = 400) => page(c, { title: 'Sign up', status, error, body: signUpForm(c, values) });
    const limit = await limiter.hit(`signup:${clientIp(c) ?? 'unknown'}`, 10, 3600);
    if (!limit.allowed) return again(`Too many sign-ups from this address. Try again in ${limit.retryAfterSeconds} s.`, 429);
    if (!values.organisation || values.organisation.length > 200) return again('Enter your organisation name (up to 200 characters).');
    if (!values.full_name || values.full_name.length > 200) return again('Enter your full name (up to 200 characters).');
    if (!emailOk(values.email)) return again('Enter a valid email address.');
    const problem = passwordProblem(password);
    if (problem) return again(`Password: ${problem}`);
    try {
      const created = await services.tenants.create({
        name: values.organisation,
        adminEmail: values.email,
        adminName: values.full_name,
        adminPassword: password,
        timezone: canonicalTimezone(formField(form, 'timezone')) ?? 'UTC',
      });
      await sessions.signIn(c, created.admin.id);
      return redirectTo(c, '/dashboard');
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) return again('An account with this email already exists. Sign in instead.', 409);
      throw err;
    }
  });

  app.get('/signin', async (c) => {
    if (await currentUser(c, deps)) return redirectTo(c, '/dashboard');
    return page(c, { title: 'Sign in', notice: noticeFrom(c), body: signInForm(c, '', c.req.query('next') ?? '') });
  });
  app.post('/signin', async (c) => {
    const form = await readForm(c).catch((err) => err as Error);
    if (form instanceof Error) return page(c, { title: 'Sign in', status: 403, error: form.message, body: signInForm(c) });
    const email = formField(form, 'email').trim().toLowerCase();
    const next = formField(form, 'next');
    const again = (error: string, status: number) => page(c, { title: 'Sign in', status, error, body: signInForm(c, email, next) });
    // Per IP, and per email *and* IP: someone guessing your password from elsewhere slows down
    // without locking you out from your own network.
    const ip = clientIp(c) ?? 'unknown';
    for (const [bucket, max] of [
      [`signin:ip:${ip}`, 30],
      [`signin:email-ip:${email}:${ip}`, 10],
    ] as const) {
      const limit = await limiter.hit(bucket, max, 900);
      if (!limit.allowed) return again(`Too many sign-in attempts. Try again in ${limit.retryAfterSeconds} s.`, 429);
    }
    const user = await services.users.verifyCredentials(email, formField(form, 'password'));
    if (!user) return again('Email or password is wrong, or the account is not active.', 401);
    await sessions.signIn(c, user.id);
    await services.users.touch(user.id);
    return redirectTo(c, safeNext(next));
  });

  app.post('/signout', async (c) =>
    withFormErrors(
      c,
      null,
      async () => {
        await readForm(c);
        await sessions.signOut(c);
        return redirectTo(c, '/signin?notice=signed-out');
      },
      async (error, status) => page(c, { title: 'Sign out', status, error }),
    ),
  );

  app.get('/invite/accept', async (c) => {
    const token = c.req.query('token') ?? '';
    const found = await findInvitationThrottled(c, token);
    if (found.state !== 'valid') return page(c, { title: 'Set your password', status: found.state === 'unknown' ? 404 : 410, error: INVITE_STATES[found.state] });
    return page(c, { title: 'Set your password', body: setPasswordForm(c, token, found.email, found.tenantName) });
  });
  app.post('/invite/accept', async (c) => {
    const form = await readForm(c).catch((err) => err as Error);
    if (form instanceof Error) return page(c, { title: 'Set your password', status: 403, error: form.message });
    const token = formField(form, 'token');
    const password = formField(form, 'password');
    const found = await findInvitationThrottled(c, token);
    if (found.state !== 'valid') return page(c, { title: 'Set your password', status: 410, error: INVITE_STATES[found.state] });
    const problem = passwordProblem(password) ?? (password !== formField(form, 'password_confirm') ? 'The two passwords differ.' : null);
    if (problem) return page(c, { title: 'Set your password', status: 400, error: `Password: ${problem}`, body: setPasswordForm(c, token, found.email, found.tenantName) });
    const user = await services.users.acceptInvitation(token, password);
    if (!user) return page(c, { title: 'Set your password', status: 410, error: INVITE_STATES.used });
    await sessions.signIn(c, user.id);
    return redirectTo(c, '/dashboard?notice=password-set');
  });
}
