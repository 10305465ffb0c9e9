/**
 * The kit's metrics without a product: who may scrape (the rule, and over real HTTP with and
 * without a token), the exposition (this app's series, the process metrics), and a failing
 * scrape-time collector that is counted instead of failing the scrape.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleErrorModel } from '../../test/sample/sample-api';
import { createApp } from '../http/app';
import { listen, type RunningServer } from '../http/serve';
import { AppMetrics } from './app-metrics';
import { isLoopbackAddress, metricsAccess } from './endpoint';
import { metricValue, scrapeMetrics } from './scrape';

const TOKEN = 'scrape-token-0123456789-abcdefghijklmnop';
const logger = pino({ level: 'silent' });

describe('metricsAccess', () => {
  it('without a token: loopback clients only, and never a request that came through a proxy', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.1', 'fe80::1', '1.127.0.0', '', undefined]) expect(isLoopbackAddress(address), String(address)).toBe(false);
    expect(metricsAccess({ remoteAddress: '127.0.0.1', forwarded: false }, undefined)).toEqual({ allowed: true });
    expect(metricsAccess({ remoteAddress: '203.0.113.7', forwarded: false }, undefined)).toMatchObject({ allowed: false, status: 403 });
    expect(metricsAccess({ remoteAddress: '127.0.0.1', forwarded: true }, undefined)).toMatchObject({ allowed: false, status: 403 });
  });

  it('with a token: the bearer token from anywhere, and nothing else (loopback included)', () => {
    expect(metricsAccess({ remoteAddress: '203.0.113.7', forwarded: true, authorization: `Bearer ${TOKEN}` }, TOKEN)).toEqual({ allowed: true });
    expect(metricsAccess({ remoteAddress: '127.0.0.1', forwarded: false }, TOKEN)).toMatchObject({ allowed: false, status: 401 });
    expect(metricsAccess({ remoteAddress: '127.0.0.1', forwarded: false, authorization: `Bearer ${TOKEN}x` }, TOKEN)).toMatchObject({ allowed: false, status: 401 });
    expect(metricsAccess({ remoteAddress: '127.0.0.1', forwarded: false, authorization: 'Bearer ' }, TOKEN)).toMatchObject({ allowed: false, status: 401 });
  });
});

describe('GET /metrics on a kit app', () => {
  let open: RunningServer;
  let withToken: RunningServer;
  let disabled: RunningServer;
  const metrics = new AppMetrics(logger);

  beforeAll(async () => {
    const build = (endpoint?: { token?: string }) =>
      createApp({ errorModel: sampleErrorModel, logger, apiPrefixes: ['/api/'], ready: async () => true, metrics: endpoint && { metrics, ...endpoint } });
    metrics.onScrape('broken_collector', async () => {
      throw new Error('database unreachable');
    });
    [open, withToken, disabled] = await Promise.all([listen(build({}), { port: 0 }), listen(build({ token: TOKEN }), { port: 0 }), listen(build(undefined), { port: 0 })]);
  });

  afterAll(async () => {
    await Promise.all([open, withToken, disabled].map((s) => s?.close()));
  });

  it('serves this app’s series and the process metrics to a loopback client; a failed collector is counted, not fatal', async () => {
    metrics.rest('sample_get_thing', 'GET').observe(200, performance.now() - 3);
    metrics.tool('sample_get_thing').observe(404, performance.now());
    const first = await scrapeMetrics(open.url);
    expect(first.status).toBe(200);
    expect(first.contentType).toContain('text/plain');
    expect(metricValue(first.text, 'http_request_duration_seconds_count', { operation: 'sample_get_thing', method: 'GET', status_class: '2xx' })).toBe(1);
    expect(metricValue(first.text, 'mcp_tool_call_duration_seconds_count', { tool: 'sample_get_thing', status_class: '4xx' })).toBe(1);
    expect(metricValue(first.text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(metricValue(first.text, 'nodejs_eventloop_lag_seconds')).toBeDefined();
    expect(metricValue(first.text, 'metrics_scrape_errors_total', { collector: 'broken_collector' })).toBe(1);
    const second = await scrapeMetrics(open.url);
    expect(metricValue(second.text, 'metrics_scrape_errors_total', { collector: 'broken_collector' })).toBe(2);
  });

  it('refuses a proxied request without a token, and anything but the token when one is set', async () => {
    const proxied = await scrapeMetrics(open.url, { 'X-Forwarded-For': '203.0.113.7' });
    expect(proxied.status).toBe(403);
    expect(proxied.text).toContain('METRICS_TOKEN');
    expect(proxied.text).not.toContain('http_request_duration_seconds');

    const anonymous = await fetch(`${withToken.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Bearer');
    expect((await scrapeMetrics(withToken.url, { Authorization: 'Bearer not-the-token' })).status).toBe(401);
    const allowed = await scrapeMetrics(withToken.url, { Authorization: `Bearer ${TOKEN}`, 'X-Forwarded-For': '203.0.113.7' });
    expect(allowed.status).toBe(200);
    expect(metricValue(allowed.text, 'http_request_duration_seconds_count', { operation: 'sample_get_thing' })).toBeGreaterThanOrEqual(1);

    expect((await scrapeMetrics(disabled.url)).status).toBe(404);
  });
});
