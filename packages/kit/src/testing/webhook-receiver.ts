/**
 * @module A webhook receiver for tests and benchmarks: an HTTP server on 127.0.0.1 that records
 * every request (raw body, headers) and answers as scripted (a status, or 'hang' to never answer).
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body as received. */
  body: Buffer;
  /** performance.now() when the body was complete. */
  at: number;
}

/** What to answer: a status (with optional headers), or 'hang' to never answer. */
/** A status, a status with headers and an optional delay (a receiver that takes its time), or no answer at all. */
export type Reply = number | { status: number; headers?: Record<string, string>; delayMs?: number } | 'hang';

export interface TestReceiver {
  url: string;
  port: number;
  received: ReceivedRequest[];
  /** TCP connections accepted (0 = nothing ever connected). */
  connections: number;
  close(): Promise<void>;
}

export async function startReceiver(reply: (req: ReceivedRequest, index: number) => Reply = () => 200): Promise<TestReceiver> {
  const received: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  let connections = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const record: ReceivedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks), at: performance.now() };
      received.push(record);
      const answer = reply(record, received.length - 1);
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      const { status, headers, delayMs = 0 } = typeof answer === 'number' ? { status: answer, headers: {} } : answer;
      const send = () => res.writeHead(status, headers).end(status >= 300 && status < 400 ? '' : 'ok');
      if (delayMs > 0) setTimeout(send, delayMs);
      else send();
    });
  });
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
