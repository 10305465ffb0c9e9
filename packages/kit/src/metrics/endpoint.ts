/**
 * @module `GET /metrics` and who may read it (docs/metrics.md). Metrics name operations, tools and
 * backlogs: not secret, but nothing the internet needs. With a token (METRICS_TOKEN) a scraper
 * anywhere sends `Authorization: Bearer <token>`; without one only a client on this machine may
 * scrape, and a request that came through a proxy (it carries Forwarded, X-Forwarded-For or
 * X-Real-IP) never counts as local, since a reverse proxy on the same host connects from loopback.
 * METRICS_ENABLED=0 removes the route.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { envBoolean } from '../config/env';
import type { AppEnv } from '../http/env';
import { bearerToken, clientIp } from '../http/rest';
import { safeEqual } from '../secrets/tokens';
import type { AppMetrics } from './app-metrics';

export const METRICS_PATH = '/metrics';

export interface MetricsEndpointOptions {
  metrics: AppMetrics;
  /** Bearer token a scraper must send; unset = loopback clients only. */
  token?: string;
}

export interface MetricsRequest {
  remoteAddress?: string;
  authorization?: string;
  /** The request came through a proxy (it names an original client). */
  forwarded: boolean;
}

export type MetricsAccess = { allowed: true } | { allowed: false; status: 401 | 403; message: string };

const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.test(address);
}

/** The access rule on its own (tested without sockets). */
export function metricsAccess(request: MetricsRequest, token: string | undefined): MetricsAccess {
  if (token) {
    const given = bearerToken(request.authorization);
    if (given && safeEqual(given, token)) return { allowed: true };
    return { allowed: false, status: 401, message: 'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.\n' };
  }
  if (isLoopbackAddress(request.remoteAddress) && !request.forwarded) return { allowed: true };
  return { allowed: false, status: 403, message: '/metrics answers clients on this machine only. Set METRICS_TOKEN to scrape from elsewhere (docs/metrics.md).\n' };
}

export function mountMetricsEndpoint(app: Hono<AppEnv>, options: MetricsEndpointOptions): void {
  app.get(METRICS_PATH, async (c) => {
    const access = metricsAccess(
      {
        remoteAddress: clientIp(c),
        authorization: c.req.header('Authorization'),
        forwarded: PROXY_HEADERS.some((name) => c.req.header(name) !== undefined),
      },
      options.token,
    );
    if (!access.allowed) {
      c.header('Cache-Control', 'no-store');
      if (access.status === 401) c.header('WWW-Authenticate', 'Bearer realm="metrics"');
      return c.text(access.message, access.status);
    }
    const body = await options.metrics.render();
    return c.body(body, 200, { 'Content-Type': options.metrics.contentType, 'Cache-Control': 'no-store' });
  });
}

/** The variables both products read (same names: one scrape configuration serves both). */
export const metricsConfigSchema = z.object({
  /** 0 = no /metrics route. Default on. */
  METRICS_ENABLED: envBoolean.default(true),
  /** Bearer token for scrapers off this machine; at least 32 characters. */
  METRICS_TOKEN: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
});

export interface MetricsSettings {
  enabled: boolean;
  token?: string;
}
