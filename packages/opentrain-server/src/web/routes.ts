/** @module The human web pages, server-rendered, with same-origin checks and CSRF tokens on every form. */
import { type AppEnv, sameOriginOnly } from '@platform/kit';
import type { Hono } from 'hono';
import type { WebServices } from './context';
import { mountAccountPages } from './account-pages';
import { mountAuthPages } from './auth-pages';
import { mountClaimPages } from './claim-pages';
import { mountDevMail } from './dev-mail';
import { mountHomePage } from './home-page';
import { mountScopeRequestPages } from './scope-request-pages';
import { securityHeaders } from '../platform/web-ui';

export const WEB_PATHS = ['/', '/signin', '/signin/*', '/signup', '/signout', '/claim', '/account', '/account/*', '/dev/mail'];

export function mountWeb(app: Hono<AppEnv>, services: WebServices): void {
  for (const path of WEB_PATHS) {
    app.use(path, securityHeaders);
    app.use(path, sameOriginOnly());
  }
  mountHomePage(app, services);
  mountAuthPages(app, services);
  mountClaimPages(app, services);
  mountAccountPages(app, services);
  mountScopeRequestPages(app, services);
  mountDevMail(app, services);
}
