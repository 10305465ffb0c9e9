/**
 * @module Test and benchmark support: a receiver server on 127.0.0.1 that records every request and
 * answers as scripted, and a harness wiring webhooks, a ManualClock and workers over a test database.
 */
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type Clock, createWorker, emitEvent, type Worker } from '@platform/kit';
import { type AnyDb, waitForEventHorizon } from '@platform/kit';
import { createWebhooks, DELIVER_JOB, FANOUT_JOB, type Webhooks, type WebhooksOptions } from './index';

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
export type Reply = number | { status: number; headers?: Record<string, string> } | 'hang';

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
      const { status, headers } = typeof answer === 'number' ? { status: answer, headers: {} } : answer;
      res.writeHead(status, headers).end(status >= 300 && status < 400 ? '' : 'ok');
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

export interface Harness {
  webhooks: Webhooks;
  /** Claims only `webhooks.fanout`. */
  fanoutWorker: Worker;
  /** Claims only `webhooks.deliver`. */
  deliveryWorker: Worker;
  /** Waits for the read horizon, then runs one fan-out pass. */
  fanout(): Promise<void>;
  /** One batch of due deliveries. */
  deliver(): ReturnType<Worker['runOnce']>;
  emit(accountId: string, type: string, data: Record<string, unknown>): Promise<number>;
  close(): void;
}

/** Webhooks over `db` with separate fan-out and delivery workers (runOnce-driven, ManualClock friendly). */
export async function createHarness(db: AnyDb, clock: Clock, options: Partial<WebhooksOptions> = {}): Promise<Harness> {
  const webhooks = createWebhooks({ db, clock, allowPrivateUrls: true, fanoutIntervalMs: 0, ...options });
  const common = { db, clock, leaseMs: 60_000, pollIntervalMs: 10, batchSize: 20 };
  const fanoutWorker = createWorker({ ...common, handlers: { [FANOUT_JOB]: webhooks.jobHandlers[FANOUT_JOB] } });
  const deliveryWorker = createWorker({ ...common, handlers: { [DELIVER_JOB]: webhooks.jobHandlers[DELIVER_JOB] } });
  await webhooks.ensureFanout();
  return {
    webhooks,
    fanoutWorker,
    deliveryWorker,
    async fanout() {
      await waitForEventHorizon(db);
      const counts = await fanoutWorker.runOnce();
      if (counts.succeeded !== 1) throw new Error(`fan-out pass did not succeed: ${JSON.stringify(counts)}`);
    },
    deliver: () => deliveryWorker.runOnce(),
    emit: (accountId, type, data) => emitEvent(db, { type, scope: accountId, payload: data }, clock),
    close: () => webhooks.close(),
  };
}
