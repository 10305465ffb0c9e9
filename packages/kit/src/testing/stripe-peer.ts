/**
 * @module A local HTTP server standing in for api.stripe.com (the Stripe SDK's host/port/protocol
 * options point at it): it records every form-encoded request and answers what the test says.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StripeRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}

export interface StripePeer {
  port: number;
  /** Every request so far, in order. */
  received: StripeRequest[];
  /** The SDK options that send its calls here. */
  sdkOptions: { host: string; port: number; protocol: 'http'; maxNetworkRetries: 0 };
  close(): Promise<void>;
}

/** `respond` returns (or resolves to: a test can act while Stripe "thinks") the JSON body (status 200) or `{ status, body }`. */
export async function startStripePeer(respond: (req: StripeRequest, index: number) => unknown | { status: number; body: unknown } | Promise<unknown>): Promise<StripePeer> {
  const received: StripeRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', async () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, form: new URLSearchParams(body) };
      received.push(request);
      const answer = (await respond(request, received.length)) as { status?: number; body?: unknown };
      const withStatus = typeof answer === 'object' && answer !== null && typeof answer.status === 'number' && 'body' in answer;
      res.statusCode = withStatus ? (answer.status as number) : 200;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(withStatus ? answer.body : answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    received,
    sdkOptions: { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
