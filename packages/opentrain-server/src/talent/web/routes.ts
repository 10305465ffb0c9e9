/** @module Mounts the freelancer pages (`/freelancer/...`) and the public masked profile (`/freelancers/{slug}`). */
import { type AppEnv, sameOriginOnly } from '@platform/kit';
import type { Hono } from 'hono';
import type { TalentServices } from '../context';
import { securityHeaders } from '../../platform/web-ui';
import { mountProfilePages } from './profile-pages';
import { mountWorkPages } from './work-pages';

export const FREELANCER_PATHS = ['/freelancer', '/freelancer/*', '/freelancers/*'];

export function mountFreelancerPages(app: Hono<AppEnv>, services: TalentServices): void {
  for (const path of FREELANCER_PATHS) {
    app.use(path, securityHeaders);
    app.use(path, sameOriginOnly());
  }
  mountProfilePages(app, services);
  mountWorkPages(app, services);
}
