/**
 * @module Outbound HTTP to integration providers (OAuth endpoints and job APIs). Every request goes
 * through the kit's SSRF guard: the URL is parsed against the policy (https only, unless private or
 * loopback receivers are allowed: dev mode / ALLOW_PRIVATE_WEBHOOK_URLS, the webhook rule) and the
 * socket connects only to an address the guard accepted (guardedLookup), so DNS rebinding cannot
 * swap it. Redirects are not followed; every call has a deadline. Used as oauth4webapi's fetch too.
 */
import { guardedLookup, parseOutboundUrl, UnsafeUrlError, type UrlPolicy } from '@platform/kit';
import { Agent, fetch as undiciFetch } from 'undici';

export const PROVIDER_TIMEOUT_MS = 15_000;
const USER_AGENT = 'TrainAR-Integrations/1.0';

/** A provider answered with an error, or could not be reached. `status` null = no answer (outage). */
export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
  }

  /** The provider refused our credentials: retrying will not help until someone reconnects. */
  get unauthorized(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export type GuardedFetch = (url: string, init?: RequestInit) => Promise<Response>;

/** A fetch that only reaches addresses the policy admits (oauth4webapi's customFetch takes it as is). */
export function guardedFetch(policy: UrlPolicy, timeoutMs = PROVIDER_TIMEOUT_MS): GuardedFetch & { close(): Promise<void> } {
  const dispatcher = new Agent({ connect: { lookup: guardedLookup(policy) }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const fetcher = async (raw: string, init: RequestInit = {}): Promise<Response> => {
    let url: URL;
    try {
      url = parseOutboundUrl(raw, policy.allow);
    } catch (err) {
      throw new ProviderError(`refused ${raw}: ${(err as Error).message} (set ALLOW_PRIVATE_WEBHOOK_URLS=1 for a self-hosted provider)`, null);
    }
    const headers = new Headers(init.headers as HeadersInit | undefined);
    if (!headers.has('user-agent')) headers.set('user-agent', USER_AGENT);
    try {
      const signal = init.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
      // biome-ignore lint/suspicious/noExplicitAny: undici's RequestInit and the DOM one differ only in type names.
      return (await undiciFetch(url, { ...(init as any), headers, signal, redirect: 'manual', dispatcher })) as unknown as Response;
    } catch (err) {
      throw new ProviderError(`${url.host} unreachable: ${describe(err)}`, null);
    }
  };
  return Object.assign(fetcher, { close: () => dispatcher.close() });
}

function describe(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof UnsafeUrlError) return `refused: ${cause.message}`;
  if (cause instanceof Error) return (cause as NodeJS.ErrnoException).code ?? cause.message;
  return err instanceof Error ? err.message : String(err);
}

/** A JSON API called with a bearer token (the provider adapters' only way out). */
export interface ProviderApi {
  getJson(url: string): Promise<unknown>;
  postJson(url: string, body: unknown): Promise<unknown>;
}

export function bearerApi(fetcher: GuardedFetch, accessToken: string): ProviderApi {
  const call = async (method: string, url: string, body?: unknown) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetcher(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new ProviderError(`${method} ${new URL(url).pathname} answered HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`, res.status);
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch {
      throw new ProviderError(`${method} ${new URL(url).pathname} did not answer JSON`, res.status);
    }
  };
  return { getJson: (url) => call('GET', url), postJson: (url, body) => call('POST', url, body) };
}
