/** @module Who is calling the device API: the paired device behind `Authorization: Bearer tad_…`, or 401. */
import { bearerToken, clientIp, GuessThrottle, type RateLimiter } from '@platform/kit';
import type { Context } from 'hono';
import type { TrainArSettings } from '../platform/deps';
import type { AuthenticatedDevice, DeviceService } from './service';

/** The device calling a device-API route, or a 401 (429 once its address guessed too often). */
export type DeviceOfRequest = (c: Context) => Promise<AuthenticatedDevice>;

/** The request's device; unknown or revoked device credentials count as guesses of the caller's address. */
export function deviceFromRequest(devices: Pick<DeviceService, 'authenticate'>, limiter: RateLimiter, settings: Pick<TrainArSettings, 'secretGuessesPerIp'>): DeviceOfRequest {
  const credentialGuesses = new GuessThrottle(limiter, 'tak:bad-device-credential', settings.secretGuessesPerIp);
  return (c: Context) => credentialGuesses.guard(clientIp(c), () => devices.authenticate(bearerToken(c.req.header('Authorization'))));
}
