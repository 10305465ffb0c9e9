// An OpenTrain webhook receiver for Node.js 18+ using only built-in modules.
// Run: OPENTRAIN_WEBHOOK_SECRET=whsec_... PORT=8080 node receiver.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const TOLERANCE_SECONDS = 300;

/** True when `header` (X-OpenTrain-Signature) signs the raw body with `secret` within 5 minutes. */
export function verifySignature(rawBody, header, secret, nowSeconds = Math.floor(Date.now() / 1000)) {
  let timestamp = Number.NaN;
  const signatures = [];
  for (const item of String(header ?? '').split(',')) {
    const eq = item.indexOf('=');
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (key === 't' && /^\d+$/.test(value)) timestamp = Number(value);
    if (key === 'v1') signatures.push(value);
  }
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  return signatures.some((hex) => {
    const given = Buffer.from(hex, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** An HTTP server that verifies each delivery, skips repeats of a delivery id and hands the event on. */
export function createReceiver({ secret, onEvent }) {
  const seen = new Set(); // delivery ids already handled (use a database table in production)
  return createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
      const rawBody = Buffer.concat(chunks); // verify these exact bytes, never re-serialised JSON
      if (!verifySignature(rawBody, req.headers['x-opentrain-signature'], secret)) {
        res.writeHead(401).end('invalid signature');
        return;
      }
      const deliveryId = req.headers['x-opentrain-delivery'];
      if (!seen.has(deliveryId)) {
        try {
          await onEvent(JSON.parse(rawBody.toString('utf8')));
          seen.add(deliveryId);
        } catch {
          res.writeHead(500).end(); // OpenTrain retries after 1, 5, 30 and 120 minutes
          return;
        }
      }
      res.writeHead(204).end(); // answer within 10 s; queue slow work instead of doing it here
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const secret = process.env.OPENTRAIN_WEBHOOK_SECRET;
  if (!secret) throw new Error('Set OPENTRAIN_WEBHOOK_SECRET to the whsec_ secret shown when the webhook was created');
  const server = createReceiver({ secret, onEvent: (event) => console.log(event.type, event.resourceId, event.data) });
  server.listen(Number(process.env.PORT ?? 8080), () => console.log('listening on', server.address()));
}
