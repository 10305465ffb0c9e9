/** @module Mounts the freelancer pages (`/freelancer/...`) and the public masked profile (`/freelancers/{slug}`). */
import { type AppEnv, sameOriginOnly } from '@platform/kit';
import type { Hono } from 'hono';
import type { Services } from '../../services';
import { securityHeaders } from '../../web/ui';
import { mountProfilePages } from './profile-pages';
import { mountWorkPages } from './work-pages';

export const FREELANCER_PATHS = ['/freelancer', '/freelancer/*', '/freelancers/*'];

export function mountFreelancerPages(app: Hono<AppEnv>, services: Services): void {
  for (const path of FREELANCER_PATHS) {
    app.use(path, securityHeaders);
    app.use(path, sameOriginOnly());
  }
  mountProfilePages(app, services);
  mountWorkPages(app, services);
}
