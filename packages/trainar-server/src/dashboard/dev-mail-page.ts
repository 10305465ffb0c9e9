/**
 * @module GET /dev/mail: the sandbox outbox (mounted only when SMTP_URL is unset). Every emailed
 * link (invitations) works locally from here. Clearly labelled sandbox: nothing was delivered.
 */
import { type AnyDb, type AppEnv, html, layout, listSandboxMail } from '@platform/kit';
import type { Hono } from 'hono';
import { PRODUCT } from '../platform/view';

export function mountDevMailPage(app: Hono<AppEnv>, db: AnyDb): void {
  app.get('/dev/mail', async (c) => {
    const to = c.req.query('to') || undefined;
    const mail = await listSandboxMail(db, { to, limit: 100 });
    c.header('Cache-Control', 'no-store');
    return c.html(
      layout({
        title: 'Sandbox mail',
        product: PRODUCT,
        sandbox: true,
        body: html`<h1>Sandbox mail</h1>
          <p>SMTP_URL is not set, so mail is kept here instead of being delivered${to ? html` (showing mail to ${to})` : ''}. Newest first.</p>
          ${mail.length === 0 ? html`<p>No mail yet.</p>` : ''}
          ${mail.map(
            (m) => html`<article class="mail" data-to="${m.to}">
              <h2>${m.subject}</h2>
              <p><small>To ${m.to} · ${m.createdAt}</small></p>
              <pre>${m.text}</pre>
            </article>`,
          )}`,
      }),
    );
  });
}
