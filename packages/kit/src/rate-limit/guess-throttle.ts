/**
 * @module Throttling of secret guessing: bearer credentials, emailed links, invitation tokens,
 * webhook signatures, operator secrets. Only failures count, per client address and kind of secret;
 * once an address has failed `limit` times in a window, every further attempt of that kind from it
 * is refused with 429 (`retryAfterSeconds` in the envelope, `Retry-After`) before the secret is
 * even looked at, so a correct guess cannot slip through either. Honest callers never fail often.
 */
import { ApiError, rateLimited } from '../errors/api-error';
import type { RateLimiter } from './rate-limiter';

export interface GuessLimit {
  limit: number;
  windowSeconds: number;
}

export class GuessThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    /** The kind of secret, e.g. `ot:bad-credential`: buckets are `<kind>:<client address>`. */
    private readonly kind: string,
    private readonly limits: GuessLimit,
  ) {}

  private bucket(client: string | undefined): string {
    return `${this.kind}:${client ?? 'unknown'}`;
  }

  private refusal(retryAfterSeconds: number): ApiError {
    const { limit, windowSeconds } = this.limits;
    return rateLimited(retryAfterSeconds, `Too many failed attempts from this address. Retry after ${retryAfterSeconds} s.`, { limit, windowSeconds, reason: 'too_many_failures' });
  }

  /** Throws 429 when this address already failed too often in the current window. */
  async check(client: string | undefined): Promise<void> {
    const { limit, windowSeconds } = this.limits;
    const state = await this.limiter.peek(this.bucket(client), limit, windowSeconds);
    if (!state.allowed) throw this.refusal(state.retryAfterSeconds);
  }

  /** Counts one failure; throws 429 when it is one too many (else the caller answers its own error). */
  async failed(client: string | undefined): Promise<void> {
    const { limit, windowSeconds } = this.limits;
    const hit = await this.limiter.hit(this.bucket(client), limit, windowSeconds);
    if (!hit.allowed) throw this.refusal(hit.retryAfterSeconds);
  }

  /** Runs `attempt` behind the check; a rejection `isFailure` accepts counts (then is rethrown). */
  async guard<T>(client: string | undefined, attempt: () => Promise<T>, isFailure: (error: unknown) => boolean = isUnauthorized): Promise<T> {
    await this.check(client);
    try {
      return await attempt();
    } catch (error) {
      if (isFailure(error)) await this.failed(client);
      throw error;
    }
  }
}

export const isUnauthorized = (error: unknown) => error instanceof ApiError && error.status === 401;

/** An operation server's `authenticate`, with unknown, revoked or malformed credentials throttled per address. */
export function throttleCredentialGuesses<A>(
  authenticate: (credential: string | null, scope: { clientIp?: string }) => Promise<A | null>,
  throttle: GuessThrottle,
): (credential: string | null, scope: { clientIp?: string }) => Promise<A | null> {
  return (credential, scope) => (credential === null ? authenticate(credential, scope) : throttle.guard(scope.clientIp, () => authenticate(credential, scope)));
}
