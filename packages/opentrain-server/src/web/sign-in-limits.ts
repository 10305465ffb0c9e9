/**
 * @module Throttling of every tokenless form that signs in or sends mail (/signin, /signup,
 * /freelancer/signup). Limits slow an attacker without locking the owner out:
 * - per client IP: every attempt, mail or password;
 * - per email address *and* client IP: attempts aimed at one person from one place, so someone
 *   else hammering your address does not lock you out from your own network;
 * - per email address alone, mail only: caps how much sign-in mail one inbox gets (a distributed
 *   attacker can throttle links to an address, never password sign-in).
 */
import { clientIp } from '@platform/kit';
import type { PlatformServices } from '../platform/context';
import type { WebContext } from '../platform/web-ui';

export type SignInAttempt = 'mail' | 'password';

/** Counts this attempt; returns the message to show when a limit is over, else undefined. */
export async function signInThrottled(c: WebContext, services: Pick<PlatformServices, 'limiter' | 'limits'>, email: string, attempt: SignInAttempt): Promise<string | undefined> {
  const { limiter, limits } = services;
  const ip = clientIp(c) ?? 'unknown';
  const address = email.toLowerCase();
  const windows = [
    { key: `ot:signin-ip:${ip}`, ...limits.signInPerIp },
    { key: `ot:signin-email-ip:${address}:${ip}`, ...limits.signInPerAddressAndIp },
    ...(attempt === 'mail' ? [{ key: `ot:signin-email:${address}`, ...limits.signInEmailsPerAddress }] : []),
  ];
  for (const w of windows) {
    const hit = await limiter.hit(w.key, w.limit, w.windowSeconds);
    if (!hit.allowed) return `Too many attempts. Try again in ${hit.retryAfterSeconds} seconds.`;
  }
  return undefined;
}
