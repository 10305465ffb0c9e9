/** @module Serving a Hono app on node:http, with a clean shutdown. */
import { STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { ApiError, resolveError } from '../errors/api-error';
import { errorModelOf } from './app';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: any Hono app shape can be served.
export function listen(app: Hono<any>, { port, host = '127.0.0.1' }: { port: number; host?: string }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      resolve({
        url: `http://${shownHost}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
    // Keep idle connections longer than clients do (undici drops idle sockets after 4 s): a server
    // that closes first races a client reusing the socket, which then fails with ECONNRESET.
    const http = server as unknown as { keepAliveTimeout: number; headersTimeout: number };
    http.keepAliveTimeout = 65_000;
    http.headersTimeout = 66_000;
    server.on('clientError', answerClientError(app));
    server.once('error', reject);
  });
}

/** What node:http answers a request it cannot parse with (its own defaults), before any route runs. */
function clientErrorStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW') return 413;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

const CLIENT_ERROR_MESSAGES: Record<number, string> = {
  431: 'Request headers (the URL included) are larger than the server accepts (16 KB).',
  413: 'Request body chunk extensions are larger than the server accepts.',
  408: 'The request took too long to arrive.',
  400: 'Malformed HTTP request.',
};

/**
 * node:http answers an unparseable request (an over-long URL or header, broken framing) itself,
 * with an empty body; this answers the same status in the product's error envelope instead.
 */
// biome-ignore lint/suspicious/noExplicitAny: any Hono app shape can be served.
function answerClientError(app: Hono<any>) {
  return (err: Error & { code?: string }, socket: Duplex) => {
    const model = errorModelOf(app);
    if (err.code === 'ECONNRESET' || !socket.writable || !model) {
      socket.destroy(err);
      return;
    }
    const status = clientErrorStatus(err.code);
    const kind = status === 413 || status === 431 ? 'payload_too_large' : 'validation';
    const resolved = resolveError(new ApiError({ kind, status, message: CLIENT_ERROR_MESSAGES[status] }), model);
    const body = JSON.stringify(model.envelope(resolved, crypto.randomUUID()));
    socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  };
}
