/**
 * @module Hosted MCP over the legacy HTTP+SSE transport (protocol 2024-11-05), for clients and
 * documentation that still connect to `…/sse`. `GET /sse` opens an event stream whose first event
 * (`endpoint`) names the message URL; the client POSTs each JSON-RPC message there and reads the
 * answers from the stream. The SDKs only ship a Node `http` server transport for this, so this is a
 * small web-streams transport on the SDK's Transport interface, serving the same per-caller
 * MCP server as /mcp (createHostedMcpServers().serverFor).
 *
 * Every request authenticates: the GET and every POST carry the bearer credential, a POST must use
 * the credential that opened the session, and a revoked credential ends its sessions. Sessions live
 * in this process (an SSE stream is a connection), so several instances need sticky routing for
 * `/sse` + `/messages` (Streamable HTTP at /mcp does not).
 */
import { createHash } from 'node:crypto';
import { type JSONRPCMessage, parseJSONRPCMessage, type Transport } from '@modelcontextprotocol/server';
import type { Context } from 'hono';
import { ApiError, resolveError } from '../errors/api-error';
import { bearerToken, clientIp } from '../http/rest';
import type { CallerAuth } from '../operations/implement';
import type { OperationServer } from '../operations/invoke';
import { createHostedMcpServers, type HostedCaller, type HostedMcpOptions, OUTPUT_SCHEMAS_HEADER } from './hosted';
import { isOutputSchemasFlag } from './serve-stdio';

export interface SseMcpOptions extends Omit<HostedMcpOptions, 'requireAuth'> {
  /** Message URL announced in the `endpoint` event, relative to the SSE URL so a proxy path prefix survives. Default `messages`. */
  messagesPath?: string;
  /** Open SSE sessions one credential may hold; the next GET answers 429. Default 10. */
  maxSessionsPerCredential?: number;
  /** A session with no message either way for this long is closed (keep-alive comments do not count). Default 15 min. */
  idleTimeoutMs?: number;
  /** Interval of `: keep-alive` comments, which keep proxies and load balancers from cutting the stream. Default 15 s. */
  keepAliveMs?: number;
  /** Largest accepted POST body. Default 4 MB. */
  maxMessageBytes?: number;
}

export const SSE_DEFAULTS = { maxSessionsPerCredential: 10, idleTimeoutMs: 15 * 60_000, keepAliveMs: 15_000, maxMessageBytes: 4 * 1024 * 1024 } as const;

const encoder = new TextEncoder();
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** One open SSE stream: the server side of the SDK Transport, fed by POSTs, answering on the stream. */
class SseServerTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private closed = false;

  constructor(
    readonly sessionId: string,
    private readonly controller: ReadableStreamDefaultController<Uint8Array>,
    /** Called on every message sent, so a long tool call does not count as idle time. */
    private readonly onActivity: () => void,
  ) {}

  async start(): Promise<void> {}

  write(frame: string) {
    if (this.closed) return;
    try {
      this.controller.enqueue(encoder.encode(frame));
    } catch (error) {
      this.onerror?.(error as Error);
    }
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) throw new Error('SSE session closed');
    this.onActivity();
    this.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }

  receive(message: JSONRPCMessage) {
    this.onmessage?.(message);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.controller.close();
    } catch {
      // Already closed by the client going away.
    }
    this.onclose?.();
  }
}

interface SseSession {
  transport: SseServerTransport;
  credentialId: string;
  /** SHA-256 of the bearer credential, to end the session when that credential stops working. */
  credentialHash: string;
  caller: HostedCaller<CallerAuth>;
  idleTimer?: NodeJS.Timeout;
  keepAlive?: NodeJS.Timeout;
}

export function createSseMcp<A extends CallerAuth, C>(server: OperationServer<A, C>, options: SseMcpOptions) {
  const { errorModel } = server.binding.api;
  const { serverFor } = createHostedMcpServers(server, { ...options, requireAuth: true });
  const settings = { ...SSE_DEFAULTS, ...stripUndefined(options) };
  const messagesPath = options.messagesPath ?? 'messages';
  const sessions = new Map<string, SseSession>();

  const failure = (c: Context, err: unknown, requestId: string) => {
    const resolved = resolveError(err, errorModel);
    const headers: Record<string, string> = { ...resolved.headers };
    if (resolved.status === 401) headers['WWW-Authenticate'] = 'Bearer';
    return c.json(errorModel.envelope(resolved, requestId), resolved.status as 401, headers);
  };
  const requestIdOf = (c: Context) => (c.get('requestId' as never) as string | undefined) ?? crypto.randomUUID();

  async function authenticate(c: Context): Promise<A> {
    const auth = await server.binding.authenticate(bearerToken(c.req.header('Authorization')), { clientIp: clientIp(c) });
    if (!auth) throw new ApiError({ kind: 'unauthorized', message: 'Missing bearer token: send Authorization: Bearer <key> on the SSE request and on every message POST.' });
    return auth;
  }

  function closeSession(id: string) {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    clearTimeout(session.idleTimer);
    clearInterval(session.keepAlive);
    void session.transport.close();
  }

  function touch(session: SseSession) {
    clearTimeout(session.idleTimer);
    session.idleTimer = setTimeout(() => closeSession(session.transport.sessionId), settings.idleTimeoutMs);
    session.idleTimer.unref();
  }

  const openCount = (credentialId: string) => [...sessions.values()].filter((s) => s.credentialId === credentialId).length;

  /** Hono handler for `GET /sse`. */
  async function connect(c: Context): Promise<Response> {
    const requestId = requestIdOf(c);
    let auth: A;
    try {
      auth = await authenticate(c);
      if (openCount(auth.credentialId) >= settings.maxSessionsPerCredential) {
        throw new ApiError({
          kind: 'rate_limited',
          message: `This key already has ${settings.maxSessionsPerCredential} open SSE sessions (the limit per key). Close one, wait for an idle one to expire, or use Streamable HTTP at /mcp, which holds no session.`,
          details: { limit: settings.maxSessionsPerCredential, idleTimeoutSeconds: Math.round(settings.idleTimeoutMs / 1000) },
        });
      }
    } catch (err) {
      return failure(c, err, requestId);
    }
    const sessionId = crypto.randomUUID();
    // No requestId: a session lives long, so each tool call gets its own id.
    const caller: HostedCaller<A> = { auth, clientIp: clientIp(c), outputSchemas: isOutputSchemasFlag(c.req.header(OUTPUT_SCHEMAS_HEADER)) };
    let transport: SseServerTransport | undefined;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        transport = new SseServerTransport(sessionId, controller, () => {
          const open = sessions.get(sessionId);
          if (open) touch(open);
        });
      },
      // The client went away (or the proxy cut the stream): free the session slot.
      cancel: () => closeSession(sessionId),
    });
    if (!transport) throw new Error('ReadableStream did not start synchronously');
    const session: SseSession = {
      transport,
      credentialId: auth.credentialId,
      credentialHash: sha256(bearerToken(c.req.header('Authorization')) ?? ''),
      caller: caller as HostedCaller<CallerAuth>,
    };
    sessions.set(sessionId, session);
    transport.onclose = () => closeSession(sessionId);
    await serverFor(caller).connect(transport);
    transport.write(`event: endpoint\ndata: ${messagesPath}?sessionId=${sessionId}\n\n`);
    session.keepAlive = setInterval(() => transport?.write(': keep-alive\n\n'), settings.keepAliveMs);
    session.keepAlive.unref();
    touch(session);
    return new Response(stream, {
      status: 200,
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        // nginx buffers proxied responses unless told not to; an SSE stream must flush every event.
        'X-Accel-Buffering': 'no',
        'X-Request-Id': requestId,
      },
    });
  }

  /** Hono handler for `POST /messages?sessionId=…`. */
  async function message(c: Context): Promise<Response> {
    const requestId = requestIdOf(c);
    const sessionId = c.req.query('sessionId');
    const session = sessionId ? sessions.get(sessionId) : undefined;
    try {
      let auth: A;
      try {
        auth = await authenticate(c);
      } catch (err) {
        // The credential that opened this session no longer works (revoked, expired): end the session too.
        const presented = bearerToken(c.req.header('Authorization'));
        if (session && presented && sha256(presented) === session.credentialHash) closeSession(session.transport.sessionId);
        throw err;
      }
      if (!sessionId) throw new ApiError({ kind: 'validation', message: 'sessionId query parameter is required: use the URL from the endpoint event of GET /sse.', details: { field: 'sessionId' } });
      if (!session) throw new ApiError({ kind: 'not_found', message: `No open SSE session ${sessionId}: it was closed or timed out. Open a new one with GET /sse.`, details: { field: 'sessionId' } });
      if (session.credentialId !== auth.credentialId) throw new ApiError({ kind: 'forbidden', message: 'This SSE session was opened with another key: send the key that opened it.' });
    } catch (err) {
      return failure(c, err, requestId);
    }
    let messages: JSONRPCMessage[];
    try {
      const body = await c.req.text();
      if (Buffer.byteLength(body) > settings.maxMessageBytes) throw new ApiError({ kind: 'payload_too_large', message: `Message larger than ${settings.maxMessageBytes} bytes.` });
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        throw new ApiError({ kind: 'validation', message: 'The body is not JSON: POST one JSON-RPC message.', details: { field: 'body' } });
      }
      messages = (Array.isArray(parsed) ? parsed : [parsed]).map((m) => {
        try {
          return parseJSONRPCMessage(m);
        } catch {
          throw new ApiError({ kind: 'validation', message: 'The body is not a JSON-RPC 2.0 message.', details: { field: 'body' } });
        }
      });
    } catch (err) {
      return failure(c, err, requestId);
    }
    // Tool calls carried by this POST log and answer with this POST's request id.
    Object.assign(session.caller, { clientIp: clientIp(c), requestId });
    touch(session);
    for (const m of messages) session.transport.receive(m);
    return c.text('Accepted', 202);
  }

  return {
    connect,
    message,
    /** Open sessions, for tests and metrics. */
    openSessions: () => sessions.size,
    /** Ends every stream (app shutdown). */
    closeAll: () => {
      for (const id of [...sessions.keys()]) closeSession(id);
    },
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
