/**
 * @module Server-rendered pages: one plain layout, escaped by default (hono/html escapes every
 * interpolated value; `raw` is never used with user-authored text).
 */
import { createHash } from 'node:crypto';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
header{display:flex;justify-content:space-between;align-items:center;border-bottom:1px solid #ddd;margin-bottom:1.5rem}
header a{color:inherit;text-decoration:none;font-weight:600}
form{display:grid;gap:.6rem;margin:1rem 0}input,select,textarea,button{font:inherit;padding:.45rem}
button{cursor:pointer;background:#1d4ed8;color:#fff;border:0;border-radius:4px;padding:.5rem 1rem}
button.secondary{background:#6b7280}.error{color:#b91c1c}.notice{color:#047857}.sandbox{background:#fef3c7;padding:.3rem .6rem;border-radius:4px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.4rem;text-align:left}code{background:#f3f4f6;padding:.1rem .3rem}`;

/** The CSP source that allows exactly the layout's inline style block (see security-headers.ts). */
export const LAYOUT_STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

export interface LayoutOptions {
  title: string;
  product: string;
  body: Html;
  /** Right side of the header (e.g. the signed-in user and a sign-out form). */
  nav?: Html;
  sandbox?: boolean;
}

export function layout(options: LayoutOptions) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${options.title} · ${options.product}</title>
    <style>${raw(STYLE)}</style>
  </head>
  <body>
    <header><a href="/">${options.product}</a><nav>${options.nav ?? ''}</nav></header>
    ${options.sandbox ? html`<p class="sandbox">Sandbox: no real email, payment or person is involved.</p>` : ''}
    <main>${options.body}</main>
  </body>
</html>`;
}

export { html, raw };
