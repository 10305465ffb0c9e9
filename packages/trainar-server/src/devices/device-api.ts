/**
 * @module The device API the glasses (and `trainar-device`) call, under /v1/device/. Plain routes,
 * not kit contracts: the caller is a paired device holding a `tad_` credential, not a tenant key
 * with scopes, and these endpoints must not become Tenant API operations, OpenAPI entries or MCP
 * tools for agents (docs/trainar-devices.md). Inputs are still zod-validated (400 naming the field)
 * and errors use the TrainAR envelope, since /v1/ is an API prefix of the app.
 */
import { type AppEnv, bearerToken, clientIp, GuessThrottle, type RateLimiter, validationError, z } from '@platform/kit';
import { DeviceModel, Procedure, SeatRole, Serial } from '@trainar/api';
import type { Context, Hono } from 'hono';
import type { AppServices } from '../composition';
import { HEARTBEAT_INTERVAL_SECONDS, SESSION_SILENCE_TIMEOUT_SECONDS } from '../sessions/service';

const PairBody = z.object({
  code: z.string().trim().min(1).max(20).describe('The code from Dashboard → Seats → Pair Device'),
  model: DeviceModel,
  serial: Serial,
});
const StartBody = z.object({ role: SeatRole, task_id: z.guid({ message: 'expected a UUID' }).optional() });
const UploadBody = z.object({
  summary: z.string().max(20_000).nullable().optional(),
  score: z.number().int().min(0).max(100).nullable().optional(),
  notes: z.string().max(20_000).nullable().optional(),
  video_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .optional(),
  thumbnail_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .optional(),
  procedures: z.array(Procedure).max(200).optional(),
  complete_task: z.boolean().optional().describe('true: the linked task is completed by this session'),
});

async function body<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  let raw: unknown = {};
  const text = await c.req.text();
  if (text.trim()) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw validationError(new z.ZodError([{ code: 'custom', path: [], message: 'the body is not valid JSON', input: text.slice(0, 50) }]), 'body');
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, 'body');
  return parsed.data;
}

export function mountDeviceApi(app: Hono<AppEnv>, services: AppServices, limiter: RateLimiter): void {
  // Unknown or revoked device credentials count as guesses of this address.
  const credentialGuesses = new GuessThrottle(limiter, 'tak:bad-device-credential', services.deps.settings.secretGuessesPerIp);
  const device = (c: Context) => credentialGuesses.guard(clientIp(c), () => services.devices.authenticate(bearerToken(c.req.header('Authorization'))));

  app.post('/v1/device/pair', async (c) => {
    const input = await body(c, PairBody);
    const paired = await services.devices.redeem(limiter, clientIp(c) ?? 'unknown', input);
    c.header('Cache-Control', 'no-store');
    return c.json({ ...paired, heartbeat_interval_seconds: HEARTBEAT_INTERVAL_SECONDS, session_timeout_seconds: SESSION_SILENCE_TIMEOUT_SECONDS }, 201);
  });
  app.get('/v1/device/me', async (c) => c.json(await services.devices.describe(await device(c))));
  app.post('/v1/device/heartbeat', async (c) => c.json(await services.devices.touch(await device(c))));

  app.post('/v1/device/sessions', async (c) => {
    const d = await device(c);
    return c.json(await services.sessions.start(d, await body(c, StartBody)), 201);
  });
  app.post('/v1/device/sessions/:id/heartbeat', async (c) => c.json(await services.sessions.heartbeat(await device(c), sessionId(c))));
  app.post('/v1/device/sessions/:id/stop', async (c) => c.json(await services.sessions.stop(await device(c), sessionId(c))));
  app.post('/v1/device/sessions/:id/upload', async (c) => {
    const d = await device(c);
    return c.json(await services.sessions.upload(d, sessionId(c), await body(c, UploadBody)));
  });
}

function sessionId(c: Context): string {
  const id = c.req.param('id') ?? '';
  const parsed = z.guid({ message: 'expected a UUID' }).safeParse(id);
  if (!parsed.success) throw validationError(new z.ZodError([{ code: 'custom', path: ['session_id'], message: 'expected a UUID', input: id }]), 'path');
  return parsed.data;
}
