/**
 * @module The device API's session routes, under /v1/device/sessions: start, heartbeat, stop and
 * upload, called by the paired glasses (the devices module mounts pairing; see devices/device-api.ts
 * for why these are plain routes and not Tenant API operations).
 */
import { type AppEnv, validationError, z } from '@platform/kit';
import { Procedure, SeatRole } from '@trainar/api';
import type { Context, Hono } from 'hono';
import type { DeviceOfRequest } from '../devices';
import { jsonBody } from '../platform/json-body';
import type { SessionService } from './service';

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

/** `device` authenticates the glasses (devices module's `deviceFromRequest` over the SessionDevices port). */
export function mountSessionDeviceApi(app: Hono<AppEnv>, sessions: SessionService, device: DeviceOfRequest): void {
  app.post('/v1/device/sessions', async (c) => {
    const d = await device(c);
    return c.json(await sessions.start(d, await jsonBody(c, StartBody)), 201);
  });
  app.post('/v1/device/sessions/:id/heartbeat', async (c) => c.json(await sessions.heartbeat(await device(c), sessionId(c))));
  app.post('/v1/device/sessions/:id/stop', async (c) => c.json(await sessions.stop(await device(c), sessionId(c))));
  app.post('/v1/device/sessions/:id/upload', async (c) => {
    const d = await device(c);
    return c.json(await sessions.upload(d, sessionId(c), await jsonBody(c, UploadBody)));
  });
}

function sessionId(c: Context): string {
  const id = c.req.param('id') ?? '';
  const parsed = z.guid({ message: 'expected a UUID' }).safeParse(id);
  if (!parsed.success) throw validationError(new z.ZodError([{ code: 'custom', path: ['session_id'], message: 'expected a UUID', input: id }]), 'path');
  return parsed.data;
}
