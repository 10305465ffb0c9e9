/**
 * @module The device API the glasses (and `trainar-device`) call, under /v1/device/: its pairing
 * part (pair, me, heartbeat); the sessions module mounts the session routes. Plain routes, not kit
 * contracts: the caller is a paired device holding a `tad_` credential, not a tenant key with
 * scopes, and these endpoints must not become Tenant API operations, OpenAPI entries or MCP tools
 * for agents (docs/trainar-devices.md). Inputs are still zod-validated (400 naming the field) and
 * errors use the TrainAR envelope, since /v1/ is an API prefix of the app.
 */
import { type AppEnv, clientIp, type RateLimiter, z } from '@platform/kit';
import { DeviceModel, Serial } from '@trainar/api';
import type { Hono } from 'hono';
import type { TrainArSettings } from '../platform/deps';
import { jsonBody } from '../platform/json-body';
import { deviceFromRequest } from './device-auth';
import type { DeviceSessionTimings } from './ports';
import type { DeviceService } from './service';

const PairBody = z.object({
  code: z.string().trim().min(1).max(20).describe('The code from Dashboard → Seats → Pair Device'),
  model: DeviceModel,
  serial: Serial,
});

export interface DevicePairingApiDeps {
  devices: DeviceService;
  settings: TrainArSettings;
  timings: DeviceSessionTimings;
}

export function mountDevicePairingApi(app: Hono<AppEnv>, { devices, settings, timings }: DevicePairingApiDeps, limiter: RateLimiter): void {
  const device = deviceFromRequest(devices, limiter, settings);

  app.post('/v1/device/pair', async (c) => {
    const input = await jsonBody(c, PairBody);
    const paired = await devices.redeem(limiter, clientIp(c) ?? 'unknown', input);
    c.header('Cache-Control', 'no-store');
    return c.json({ ...paired, heartbeat_interval_seconds: timings.heartbeatIntervalSeconds, session_timeout_seconds: timings.sessionTimeoutSeconds }, 201);
  });
  app.get('/v1/device/me', async (c) => c.json(await devices.describe(await device(c))));
  app.post('/v1/device/heartbeat', async (c) => c.json(await devices.touch(await device(c))));
}
