/**
 * @module The claim page: `/claim?token=ot_cat_…` (the link emailed to the human and shown by the
 * agent). It names the agent and the reserved email, requires the human to be signed in with
 * exactly that email, and takes the 6-digit code the agent relays. `/claim` without a token
 * explains the flow (it is the `claimUrl` of the account_claim_required gate).
 */
import { AGENT_AUTH_PATHS } from '@opentrain/api';
import { type AppEnv, button, clientIp, csrfField, facts, field, formatDateTime, html, redirectTo, requestLocale } from '@platform/kit';
import type { Hono } from 'hono';
import type { UserRow } from '../accounts';
import type { ClaimAttemptView, CompleteClaimResult } from '../identity';
import type { WebServices } from './context';
import { currentUser, errorLine, readVerifiedForm, render, type WebContext } from '../platform/web-ui';

const STATE_MESSAGES: Record<Exclude<ClaimAttemptView['state'], 'pending'>, string> = {
  expired: 'This claim link expired. Ask your agent to start the claim again: it will show you a new link and code.',
  superseded: 'Your agent started a newer claim, which replaced this link. Use the newest link and code your agent gave you.',
  completed: 'This agent account has already been claimed.',
  locked: 'Too many wrong codes were entered, so this link is locked. Ask your agent to start the claim again.',
};

const FAILURE_MESSAGES: Record<Exclude<CompleteClaimResult, { ok: true }>['reason'], string> = {
  unknown: 'This claim link is not valid.',
  ...STATE_MESSAGES,
  wrong_email: 'You are signed in with a different email than the one this claim is reserved for.',
  already_member: 'Your account already belongs to an organization, so it cannot claim another agent account.',
  invalid_code_format: 'User code: enter the 6 digits your agent shows you.',
  wrong_code: 'User code: that code is wrong.',
};

function explainPage(services: WebServices) {
  const base = services.publicUrl();
  return html`<h1>Claim an agent account</h1>
    <p>An AI agent can register on OpenTrain by itself and start working with limited rights. To let it
      hire AI trainers, send messages and invite your team, a human must <em>claim</em> it:</p>
    <ol>
      <li>Give your agent your email address. It starts the claim (<code>POST ${base}${AGENT_AUTH_PATHS.claim}</code>,
        or the <code>opentrain_claim_account</code> tool / <code>opentrain auth claim</code> command).</li>
      <li>Open the link it shows you (also emailed to you) and sign in or create your account with exactly that email.</li>
      <li>Enter the 6-digit code your agent shows you. The agent then receives its upgraded token.</li>
    </ol>
    <p>Agents: see <a href="/auth.md">/auth.md</a>.</p>`;
}

/** What claiming hands over: stated the same way on every claim page. */
function stakes(view: ClaimAttemptView) {
  return html`${facts([
    ['Agent', view.agentName ?? 'Unnamed agent'],
    view.organizationName ? ['Organization', view.organizationName] : null,
    ['Reserved for', view.email],
  ])}
    <p><strong>Claiming makes you the owner of this agent's account.</strong> The agent can then propose hires, message candidates and invite your team.
      It can never move money by itself: every hire, milestone payment and contract end waits for you (or a team member you allow) to confirm it.</p>`;
}

function codeForm(c: WebContext, token: string, view: ClaimAttemptView, error?: string) {
  const userCodeError = error?.startsWith('User code:') ? error : undefined;
  return html`<article class="stakes narrow">
    <header><h1>Claim ${view.agentName ?? 'your agent'}</h1></header>
    ${stakes(view)}
    ${errorLine(error)}
    <form method="post" action="/claim">
      ${csrfField(c)}
      <input type="hidden" name="token" value="${token}" />
      ${field({
        name: 'user_code',
        label: 'User code shown by your agent',
        required: true,
        error: userCodeError,
        hint: `6 digits. ${view.attemptsLeft} attempt(s) left; the link expires ${formatDateTime(view.expiresAt, requestLocale(c))}.`,
        attrs: { inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9 -]{6,9}', maxlength: 9 },
      })}
      ${button('Claim agent', { pending: 'Claiming…' })}
    </form>
  </article>`;
}

function signInFirst(token: string, view: ClaimAttemptView) {
  const next = `/claim?token=${token}`;
  const q = `email=${encodeURIComponent(view.email)}&next=${encodeURIComponent(next)}`;
  return html`<article class="stakes narrow">
    <header><h1>Claim ${view.agentName ?? 'your agent'}</h1></header>
    ${stakes(view)}
    <p>The agent <strong>${view.agentName ?? '(unnamed agent)'}</strong> is reserved for <strong>${view.email}</strong>.
      Sign in, or create your account, with exactly that email to continue.</p>
    <p class="actions"><a href="/signin?${q}">Sign in</a><a href="/signup?${q}">Create an account</a></p>
  </article>`;
}

function wrongUser(c: WebContext, user: UserRow, view: ClaimAttemptView, token: string) {
  return html`<h1>Claim ${view.agentName ?? 'your agent'}</h1>
    <p class="error">You are signed in as <strong>${user.email}</strong>, but this claim is reserved for <strong>${view.email}</strong>.</p>
    <form method="post" action="/signout">${csrfField(c)}<button type="submit">Sign out</button></form>
    <p>Then open this page again: <a href="/claim?token=${token}">claim link</a>.</p>`;
}

export function mountClaimPages(app: Hono<AppEnv>, services: WebServices): void {
  async function show(c: WebContext, token: string, user: UserRow | undefined, error?: string, status = 200) {
    const view = await services.claims.view(token);
    if (!view) return render(c, services, { title: 'Claim', user, status: 404, body: html`<h1>Claim</h1><p class="error">${FAILURE_MESSAGES.unknown}</p>${explainPage(services)}` });
    if (view.state !== 'pending') return render(c, services, { title: 'Claim', user, status: 410, body: html`<h1>Claim</h1><p class="error">${STATE_MESSAGES[view.state]}</p>` });
    if (!user) return render(c, services, { title: 'Claim', body: signInFirst(token, view) });
    if (user.email_normalized !== view.email) return render(c, services, { title: 'Claim', user, status: 403, body: wrongUser(c, user, view, token) });
    if (await services.users.membership(user.id)) return render(c, services, { title: 'Claim', user, status: 409, body: html`<h1>Claim</h1><p class="error">${FAILURE_MESSAGES.already_member}</p>` });
    return render(c, services, { title: 'Claim', user, status, body: codeForm(c, token, view, error) });
  }

  app.get('/claim', async (c) => {
    const token = c.req.query('token');
    const user = await currentUser(c, services);
    if (!token) return render(c, services, { title: 'Claim an agent', user, body: explainPage(services) });
    return show(c, token, user);
  });

  app.post('/claim', async (c) => {
    const read = await readVerifiedForm(c, services);
    if ('response' in read) return read.response;
    const { form } = read;
    const token = form.token ?? '';
    const user = await currentUser(c, services);
    if (!user) return redirectTo(c, `/signin?next=${encodeURIComponent(`/claim?token=${token}`)}`);
    const { limit, windowSeconds } = services.limits.claimCodePerIp;
    const hit = await services.limiter.hit(`ot:claim-code:${clientIp(c) ?? 'unknown'}`, limit, windowSeconds);
    if (!hit.allowed) return show(c, token, user, `Too many codes entered from this network. Try again in ${hit.retryAfterSeconds} seconds.`, 429);
    if (!form.user_code) return show(c, token, user, 'User code: enter the 6-digit code your agent shows you.', 400);
    const result = await services.claims.complete({ attemptToken: token, userCode: form.user_code, user });
    if (result.ok) {
      return render(c, services, {
        title: 'Agent claimed',
        user,
        body: html`<h1>Agent claimed</h1>
          <p class="notice">You now own the account of <strong>${result.agentName ?? 'your agent'}</strong>.</p>
          <p>Your agent receives its upgraded token on its next poll; its previous token no longer works.
            Money still moves only after you confirm each payment.</p>
          <p><a href="/account">Go to your account</a></p>`,
      });
    }
    if (result.reason === 'wrong_code') return show(c, token, user, `${FAILURE_MESSAGES.wrong_code} ${result.attemptsLeft} attempt(s) left.`, 400);
    if (result.reason === 'invalid_code_format') return show(c, token, user, FAILURE_MESSAGES.invalid_code_format, 400);
    const status = result.reason === 'wrong_email' ? 403 : result.reason === 'already_member' ? 409 : 400;
    return render(c, services, { title: 'Claim', user, status, body: html`<h1>Claim</h1><p class="error">${FAILURE_MESSAGES[result.reason]}</p>` });
  });
}
