/**
 * @module A real local HTTP receiver for skill-execution tests: records every request (method,
 * path, query, headers, parsed body) and answers per path — /ok (200 JSON with an x- header),
 * /slow (answers after 3 s), /fail (500 text), /redirect (302), anything else 404.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies.
  body: any;
}

export interface SkillReceiver {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startSkillReceiver(): Promise<SkillReceiver> {
  const received: ReceivedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const text = Buffer.concat(chunks).toString('utf8');
      received.push({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: text ? JSON.parse(text) : null });
      if (url.pathname === '/ok') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-Stock-Source': 'warehouse-7', 'Cache-Control': 'no-store' });
        res.end(JSON.stringify({ in_stock: 4, echo: text ? JSON.parse(text) : Object.fromEntries(url.searchParams) }));
      } else if (url.pathname === '/slow') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end('{"late":true}');
        }, 3000);
        timers.add(timer);
      } else if (url.pathname === '/fail') {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('stock service down');
      } else if (url.pathname === '/redirect') {
        res.writeHead(302, { Location: 'http://127.0.0.1:9/elsewhere' });
        res.end();
      } else {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
