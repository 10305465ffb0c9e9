/**
 * @module Human sign-in and sign-up: by emailed link (one flow for both; an unknown email gets a
 * link that creates the account) or, when the account has one, by password. Opening a link shows a
 * button; only the POST consumes it, so mail scanners that prefetch links cannot spend them.
 */
import { type AppEnv, clientIp, csrfField, GuessThrottle, html, redirectTo } from '@platform/kit';
import type { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import { emailSchema, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from '../accounts';
import type { WebServices } from './context';
import { safeNext } from './magic-links-service';
import { signInThrottled } from './sign-in-limits';
import { currentUser, errorLine, readVerifiedForm, render, SESSION_COOKIE, sandboxMailHint, type WebContext } from '../platform/web-ui';

interface SignInValues {
  email?: string;
  next?: string;
  error?: string;
}

function signInForm(c: WebContext, v: SignInValues) {
  return html`<h1>Sign in to OpenTrain</h1>
    ${errorLine(v.error)}
    <form method="post" action="/signin">
      ${csrfField(c)}
      <input type="hidden" name="next" value="${safeNext(v.next)}" />
      <label>Email <input type="email" name="email" required autocomplete="email" value="${v.email ?? ''}" /></label>
      <label>Password (optional: leave empty to get a sign-in link by email)
        <input type="password" name="password" autocomplete="current-password" /></label>
      <button type="submit">Continue</button>
    </form>
    <p>New here? <a href="/signup?next=${encodeURIComponent(safeNext(v.next))}${v.email ? `&email=${encodeURIComponent(v.email)}` : ''}">Create an account</a>.</p>`;
}

function signUpForm(c: WebContext, v: SignInValues & { firstName?: string; lastName?: string }) {
  return html`<h1>Create your OpenTrain account</h1>
    ${errorLine(v.error)}
    <form method="post" action="/signup">
      ${csrfField(c)}
      <input type="hidden" name="next" value="${safeNext(v.next)}" />
      <label>Email <input type="email" name="email" required autocomplete="email" value="${v.email ?? ''}" /></label>
      <label>First name <input name="first_name" maxlength="100" autocomplete="given-name" value="${v.firstName ?? ''}" /></label>
      <label>Last name <input name="last_name" maxlength="100" autocomplete="family-name" value="${v.lastName ?? ''}" /></label>
      <label>Password (optional, at least ${PASSWORD_MIN_LENGTH} characters; without one you sign in by emailed link)
        <input type="password" name="password" autocomplete="new-password" /></label>
      <button type="submit">Email me a link to finish</button>
    </form>`;
}

/** Sends the link; a mail failure becomes a 503 page instead of an error page without context. */
async function sendLink(c: WebContext, services: WebServices, input: Parameters<WebServices['magicLinks']['send']>[0], form: () => ReturnType<typeof html>) {
  try {
    await services.magicLinks.send(input);
  } catch (err) {
    services.logger.warn({ mailer: services.mailer.kind, error: err instanceof Error ? err.message : String(err) }, 'sign-in email not sent');
    return render(c, services, { title: 'Email not sent', status: 503, body: html`${errorLine('We could not send the email right now. Please try again in a few minutes.')}${form()}` });
  }
  return render(c, services, { title: 'Check your email', body: checkEmail(services, input.email) });
}

function checkEmail(services: WebServices, email: string) {
  return html`<h1>Check your email</h1>
    <p>We sent a link to <strong>${email}</strong>. It works once and expires in 15 minutes.</p>
    ${sandboxMailHint(services)}`;
}

export function mountAuthPages(app: Hono<AppEnv>, services: WebServices): void {
  // Unknown sign-in links count as guesses of this address; a used or expired one is a real link.
  const linkGuesses = new GuessThrottle(services.limiter, 'ot:bad-signin-link', services.limits.secretGuessesPerIp);
  app.get('/signin', async (c) => {
    const user = await currentUser(c, services);
    if (user) return redirectTo(c, safeNext(c.req.query('next')));
    return render(c, services, { title: 'Sign in', body: signInForm(c, { email: c.req.query('email'), next: c.req.query('next') }) });
  });

  app.post('/signin', async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const { form } = read;
    const values = { email: form.email, next: form.next };
    const email = emailSchema.safeParse(form.email ?? '');
    if (!email.success) return render(c, services, { title: 'Sign in', status: 400, body: signInForm(c, { ...values, error: 'Email: enter a valid email address.' }) });
    const limited = await signInThrottled(c, services, email.data, form.password ? 'password' : 'mail');
    if (limited) return render(c, services, { title: 'Sign in', status: 429, body: signInForm(c, { ...values, error: limited }) });
    if (form.password) {
      const user = await services.users.findByEmail(email.data);
      // Always one scrypt check (a dummy one without an account), so timing does not reveal which emails exist.
      const matches = await verifyPassword(form.password.slice(0, PASSWORD_MAX_LENGTH), user?.password_hash ?? null);
      if (!user || !matches) {
        return render(c, services, { title: 'Sign in', status: 400, body: signInForm(c, { ...values, error: 'Password: email or password is incorrect (leave the password empty to get a link by email).' }) });
      }
      await services.sessions.signIn(c, user.id);
      return redirectTo(c, safeNext(form.next));
    }
    return sendLink(c, services, { email: email.data, next: form.next }, () => signInForm(c, values));
  });

  app.get('/signup', async (c) => {
    return render(c, services, { title: 'Sign up', user: await currentUser(c, services), body: signUpForm(c, { email: c.req.query('email'), next: c.req.query('next') }) });
  });

  app.post('/signup', async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const { form } = read;
    const values = { email: form.email, next: form.next, firstName: form.first_name, lastName: form.last_name };
    const fail = (error: string, status = 400) => render(c, services, { title: 'Sign up', status, body: signUpForm(c, { ...values, error }) });
    const email = emailSchema.safeParse(form.email ?? '');
    if (!email.success) return fail('Email: enter a valid email address.');
    if ((form.first_name ?? '').length > 100) return fail('First name: at most 100 characters.');
    if ((form.last_name ?? '').length > 100) return fail('Last name: at most 100 characters.');
    const password = form.password ?? '';
    if (password && (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH)) {
      return fail(`Password: use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, or leave it empty.`);
    }
    const limited = await signInThrottled(c, services, email.data, 'mail');
    if (limited) return fail(limited, 429);
    const profile = { firstName: form.first_name, lastName: form.last_name, password: password || undefined };
    return sendLink(c, services, { email: email.data, next: form.next, profile }, () => signUpForm(c, values));
  });

  app.get('/signin/verify', async (c) => {
    const token = c.req.query('token') ?? '';
    await linkGuesses.check(clientIp(c));
    const link = await services.magicLinks.peek(token);
    if (link.state === 'unknown') await linkGuesses.failed(clientIp(c));
    const user = await currentUser(c, services);
    if (link.state !== 'valid') {
      const why = { unknown: 'This sign-in link is not valid.', expired: 'This sign-in link expired.', used: 'This sign-in link was already used.' }[link.state];
      return render(c, services, { title: 'Sign-in link', user, status: link.state === 'unknown' ? 404 : 410, body: html`<h1>Sign-in link</h1><p class="error">${why}</p><p><a href="/signin">Get a new link</a>.</p>` });
    }
    return render(c, services, {
      title: 'Continue signing in',
      user,
      body: html`<h1>Continue as ${link.email}</h1>
        <form method="post" action="/signin/verify">${csrfField(c)}<input type="hidden" name="token" value="${token}" />
          <button type="submit">Continue</button></form>`,
    });
  });

  app.post('/signin/verify', async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    await linkGuesses.check(clientIp(c));
    const result = await services.magicLinks.consume(read.form.token ?? '');
    if (!result.ok && result.reason === 'unknown') await linkGuesses.failed(clientIp(c));
    if (!result.ok) {
      const why = { unknown: 'This sign-in link is not valid.', expired: 'This sign-in link expired.', used: 'This sign-in link was already used.' }[result.reason];
      return render(c, services, { title: 'Sign-in link', status: 400, body: html`<h1>Sign-in link</h1><p class="error">${why}</p><p><a href="/signin">Get a new link</a>.</p>` });
    }
    // A new session id on every sign-in (no fixation); any previous session in this browser ends.
    if (getCookie(c, SESSION_COOKIE)) await services.sessions.signOut(c);
    await services.sessions.signIn(c, result.user.id);
    return redirectTo(c, result.next);
  });

  app.post('/signout', async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    await services.sessions.signOut(c);
    return redirectTo(c, '/');
  });
}
