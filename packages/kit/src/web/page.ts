/**
 * @module Server-rendered page frames, escaped by default (hono/html escapes every interpolated
 * value; `raw` is never used with user-authored text). Two frames: `layout` (header, main, footer)
 * for public and account pages, and `shell` (a sidebar with role-based navigation) for dashboards.
 * Both link only same-origin static files (see `assets.ts`): no inline style or script, so a
 * strict CSP (`style-src 'self'; script-src 'self'`) holds.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { designAssets } from './assets';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface NavLink {
  href: string;
  label: string;
}

export interface LayoutOptions {
  title: string;
  product: string;
  body: Html;
  /** Right side of the header (e.g. links, the signed-in user and a sign-out form). */
  nav?: Html;
  sandbox?: boolean;
  /** Footer text; defaults to the product name. */
  footer?: Html;
}

function head(title: string, product: string) {
  const a = designAssets();
  return html`<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="icon" href="data:," />
    <title>${title} · ${product}</title>
    <link rel="stylesheet" href="${a.pico.path}" />
    <link rel="stylesheet" href="${a.ui.path}" />
    <script src="${a.script.path}" defer></script>
  </head>`;
}

const sandboxBanner = (on?: boolean) => (on ? html`<p class="sandbox-banner">Sandbox: no real email, payment or person is involved.</p>` : '');

/** The document around either frame: head with the design assets, the sandbox banner, then `content`. */
function documentWith(options: { title: string; product: string; sandbox?: boolean }, content: Html) {
  return html`<!doctype html>
<html lang="en" data-theme="light">
  ${head(options.title, options.product)}
  <body>
    ${sandboxBanner(options.sandbox)}
    ${content}
  </body>
</html>`;
}

export function layout(options: LayoutOptions) {
  return documentWith(
    options,
    html`<header class="site-header">
      <nav class="container" aria-label="Site">
        <ul><li><a class="brand" href="/">${options.product}</a></li></ul>
        <ul>${options.nav ?? ''}</ul>
      </nav>
    </header>
    <main class="container">${options.body}</main>
    <footer class="site-footer"><div class="container">${options.footer ?? options.product}</div></footer>`,
  );
}

/** Header links as list items, the current one marked `aria-current="page"`. */
export function navLinks(links: NavLink[], currentPath: string) {
  return links.map((l) => html`<li><a href="${l.href}" ${isCurrent(l.href, currentPath) ? raw('aria-current="page"') : ''}>${l.label}</a></li>`);
}

/** `/dashboard` is current only on itself; `/dashboard/users` also on `/dashboard/users/…`. */
export function isCurrent(href: string, currentPath: string): boolean {
  return currentPath === href || (href.split('/').length > 2 && currentPath.startsWith(`${href}/`));
}

export interface ShellOptions {
  title: string;
  product: string;
  body: Html;
  /** Sidebar entries the signed-in user may open, in order. */
  nav: NavLink[];
  currentPath: string;
  tenantName: string;
  userName: string;
  userDetail: string;
  /** The sign-out form (carries the CSRF token). */
  signOut: Html;
  sandbox?: boolean;
}

export function shell(options: ShellOptions) {
  return documentWith(
    options,
    html`<div class="shell">
      <aside class="sidebar">
        <div>
          <a class="brand" href="/">${options.product}</a>
          <p class="tenant" data-tenant>${options.tenantName}</p>
        </div>
        <nav aria-label="Main"><ul>${navLinks(options.nav, options.currentPath)}</ul></nav>
        <div class="who">
          <span><strong data-user>${options.userName}</strong><br /><small>${options.userDetail}</small></span>
          ${options.signOut}
        </div>
      </aside>
      <main class="shell-main">${options.body}</main>
    </div>`,
  );
}

export { html, raw };
