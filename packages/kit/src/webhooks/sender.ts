/**
 * @module The HTTP side of a webhook delivery (every product): one POST, no redirects followed
 * (node:http never follows them; a 3xx is a failure), a deadline over DNS + connect + response
 * headers (default 10 s), and the socket connected only to an address the SSRF guard accepted
 * (guardedLookup: the name is resolved and checked at send time, and the connection goes to the
 * checked address, so DNS rebinding cannot swap it). Never touches the database, so no
 * transaction can be open while a receiver is slow. The caller sets every header it signs.
 */
import http from 'node:http';
import https from 'node:https';
import { guardedLookup, parseOutboundUrl, UnsafeUrlError, type UrlPolicy } from '../http/url-safety';

export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;
/** Response bytes read (and discarded) before the connection is dropped. */
const MAX_RESPONSE_BYTES = 64 * 1024;

export interface SendResult {
  /** True for a 2xx answer within the deadline. */
  ok: boolean;
  /** The receiver's status, or null when no response arrived. */
  statusCode: number | null;
  /** Why the attempt failed (null on success). */
  error: string | null;
  /** Time until the response headers (or the failure), ms. */
  durationMs: number;
}

export interface SendOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface WebhookSender {
  send(url: string, headers: Record<string, string>, body: string, options?: SendOptions): Promise<SendResult>;
  /** Closes pooled keep-alive connections. */
  close(): void;
}

export function createWebhookSender(policy: UrlPolicy, options: { maxSockets?: number } = {}): WebhookSender {
  const lookup = guardedLookup(policy);
  const maxSockets = options.maxSockets ?? 64;
  // Keep-alive pools reuse sockets already connected to a checked address.
  const agents = { http: new http.Agent({ keepAlive: true, maxSockets }), https: new https.Agent({ keepAlive: true, maxSockets }) };

  function send(rawUrl: string, headers: Record<string, string>, body: string, { timeoutMs = DEFAULT_DELIVERY_TIMEOUT_MS, signal }: SendOptions = {}): Promise<SendResult> {
    const started = performance.now();
    const result = (statusCode: number | null, error: string | null): SendResult => {
      const ok = error === null && statusCode !== null && statusCode >= 200 && statusCode < 300;
      const why = ok ? null : (error ?? `HTTP ${statusCode}${statusCode !== null && statusCode >= 300 && statusCode < 400 ? ' (redirects are not followed)' : ''}`);
      return { ok, statusCode, error: why, durationMs: Math.round(performance.now() - started) };
    };
    let url: URL;
    try {
      url = parseOutboundUrl(rawUrl, policy.allow);
    } catch (error) {
      return Promise.resolve(result(null, `refused: ${(error as Error).message}`));
    }
    if (signal?.aborted) return Promise.resolve(result(null, 'aborted before sending'));

    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const isHttps = url.protocol === 'https:';
      const req = (isHttps ? https : http).request(url, {
        method: 'POST',
        agent: isHttps ? agents.https : agents.http,
        lookup,
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      });
      const finish = (statusCode: number | null, error: string | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(result(statusCode, error));
      };
      const timer = setTimeout(() => {
        finish(null, `timed out after ${timeoutMs} ms`);
        req.destroy();
      }, timeoutMs);
      const onAbort = () => {
        finish(null, 'aborted: the job lease was lost');
        req.destroy();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error) => finish(null, describeSendError(error)));
      req.on('response', (res) => {
        finish(res.statusCode ?? null, null);
        // Drain a bounded amount so the keep-alive socket can be reused; never wait on it.
        let received = 0;
        const drainDeadline = setTimeout(() => res.destroy(), timeoutMs);
        drainDeadline.unref();
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > MAX_RESPONSE_BYTES) res.destroy();
        });
        res.on('close', () => clearTimeout(drainDeadline));
        res.on('error', () => {});
      });
      req.end(body);
    });
  }

  return {
    send,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

function describeSendError(error: Error): string {
  if (error instanceof UnsafeUrlError) return `refused: ${error.message}`;
  const code = (error as NodeJS.ErrnoException).code;
  const message = error.message.length > 300 ? `${error.message.slice(0, 300)}…` : error.message;
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

export interface TestDeliveryResult extends SendResult {
  /** One line for the person who pressed "send test", e.g. `Delivered: HTTP 200 in 35 ms`. */
  summary: string;
}

/**
 * "Send test": one signed POST through the same sender (same URL policy, checked again at send
 * time), no retries, never counted against the endpoint's failures.
 */
export async function sendTestDelivery(sender: WebhookSender, url: string, headers: Record<string, string>, body: string, options: SendOptions = {}): Promise<TestDeliveryResult> {
  const result = await sender.send(url, headers, body, options);
  const summary = result.ok ? `Delivered: HTTP ${result.statusCode} in ${result.durationMs} ms` : `Not delivered: ${result.error}`;
  return { ...result, summary };
}
