/**
 * @module POST /_admin/commands/<command>: trainar-admin's way in while the app owns the embedded
 * database (the operator contracts' paths, contracts.ts). Refused unless the request comes from
 * this machine (loopback, or the app's own address) and carries the secret from
 * DATA_DIR/trainar.runtime.json (mode 0600), compared in constant time. Never reachable with a
 * tak_ key.
 */
import type { IncomingMessage } from 'node:http';
import { ApiError, type AppEnv, clientIp, type GuessThrottle, readJsonBody, safeEqual, unauthorized } from '@platform/kit';
import type { Context, Hono } from 'hono';
import type { AppServices } from '../composition';
import { adminOperationAt, runAdminOperation } from './commands';

export const ADMIN_SECRET_HEADER = 'X-TrainAR-Admin-Secret';

function fromThisMachine(c: Context): boolean {
  const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
  const remote = socket?.remoteAddress ?? '';
  if (['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(remote)) return true;
  return remote !== '' && remote === socket?.localAddress;
}

/** `secretGuesses`: wrong operator secrets are throttled per address like any other guessed secret. */
export function mountAdminEndpoint(app: Hono<AppEnv>, services: AppServices, secret: string, secretGuesses: GuessThrottle): void {
  app.post('/_admin/commands/:name', async (c) => {
    if (!fromThisMachine(c)) throw new ApiError({ kind: 'forbidden', message: 'The operator endpoint only answers requests from this machine.' });
    const given = c.req.header(ADMIN_SECRET_HEADER) ?? '';
    await secretGuesses.check(clientIp(c));
    if (!safeEqual(given, secret)) {
      await secretGuesses.failed(clientIp(c));
      throw unauthorized('Missing or wrong operator secret.');
    }
    const op = adminOperationAt(c.req.param('name'));
    return c.json((await runAdminOperation(services, op, await readJsonBody(c))) as Record<string, unknown>);
  });
}
