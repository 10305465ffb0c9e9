/**
 * @module A webhook receiver for the fault tests: records every delivery (headers that identify it and
 * the raw body) and answers 204, or holds the next request open (never answering) so the test can kill
 * the app while a delivery is in flight.
 */
import { createServer, type IncomingMessage } from 'node:http';

export interface Received {
  /** OpenTrain: X-OpenTrain-Delivery; TrainAR: webhook-id (Standard Webhooks). */
  deliveryId: string;
  /** OpenTrain: X-OpenTrain-Event-Id; TrainAR: the envelope's event_id. */
  eventId: string;
  type: string;
  body: string;
  answered: boolean;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Holds the next request open; resolves once it arrived. */
  holdNext(): Promise<Received>;
  close(): Promise<void>;
}

function identify(req: IncomingMessage, body: string): Omit<Received, 'answered' | 'body'> {
  const header = (name: string) => String(req.headers[name] ?? '');
  if (req.headers['x-opentrain-delivery']) return { deliveryId: header('x-opentrain-delivery'), eventId: header('x-opentrain-event-id'), type: header('x-opentrain-event') };
  const envelope = JSON.parse(body) as { event_id?: string; event?: string };
  return { deliveryId: header('webhook-id'), eventId: String(envelope.event_id), type: String(envelope.event) };
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let hold: ((r: Received) => void) | null = null;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const entry: Received = { ...identify(req, body), body, answered: false };
      received.push(entry);
      if (hold) {
        const resolve = hold;
        hold = null;
        resolve(entry);
        return; // never answered: the sender's socket dies with its process
      }
      entry.answered = true;
      res.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks`,
    received,
    holdNext: () => new Promise<Received>((resolve) => (hold = resolve)),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
