/**
 * @module The sandbox outbox (`/dev/mail`): every email the sandbox mailer "sent", newest first,
 * with clickable links. Only served in dev mode (loopback and embedded database, or DEV_MODE=1) when
 * mail goes to the sandbox (no SMTP_URL); clearly labelled.
 */
import { type AppEnv, html, listSandboxMail } from '@platform/kit';
import type { Hono } from 'hono';
import type { WebServices } from './context';
import { currentUser, render } from '../platform/web-ui';

const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;

/** Plain text with its http(s) URLs turned into links; everything else stays escaped text. */
export function linkify(text: string) {
  return text.split(URL_PATTERN).map((part, i) => (i % 2 === 1 ? html`<a href="${part}">${part}</a>` : part));
}

export function mountDevMail(app: Hono<AppEnv>, services: WebServices): void {
  app.get('/dev/mail', async (c) => {
    if (services.mailer.kind !== 'sandbox' || !services.embedded) return c.text('Mail is delivered by SMTP on this server; there is no sandbox outbox.', 404);
    const to = c.req.query('to') || undefined;
    const mails = await listSandboxMail(services.db, { to, limit: 50 });
    const user = await currentUser(c, services);
    return render(c, services, {
      title: 'Sandbox outbox',
      user,
      body: html`<h1>Sandbox outbox</h1>
        <p class="sandbox">Sandbox: these emails were not delivered to anyone. Set SMTP_URL to send real mail.</p>
        <form method="get" action="/dev/mail"><label>Recipient <input type="email" name="to" value="${to ?? ''}" /></label><button type="submit">Filter</button></form>
        ${mails.length === 0 ? html`<p>No mail yet.</p>` : ''}
        ${mails.map(
          (m) => html`<article class="mail" data-mail-id="${m.id}">
            <h2>${m.subject}</h2>
            <p>To <strong>${m.to}</strong> · ${m.createdAt}</p>
            <pre>${linkify(m.text)}</pre>
          </article>`,
        )}`,
    });
  });
}
