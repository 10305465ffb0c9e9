/**
 * @module A stdio transport for scripted clients. The SDK's stdio transport closes as soon as stdin
 * ends and drops requests still in flight, so `printf '…' | server` (every request written, then
 * EOF) would lose the answers. This one answers everything it read before closing, and lets a
 * product mark "barrier" tools (ones that change the credentials later calls use): a barrier call
 * starts only after earlier requests are answered, and later requests wait for it, so a pipe of
 * `register` then `auth_status` behaves as written. Everything else still runs concurrently.
 */
import type { Readable, Writable } from 'node:stream';
import {
  isJSONRPCErrorResponse,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  ReadBuffer,
  serializeMessage,
  type Transport,
} from '@modelcontextprotocol/server';

type RequestId = string | number;

export interface OrderedStdioTransportOptions {
  stdin?: Readable;
  stdout?: Writable;
  /** Tool names whose calls are serialized against every other request (see module doc). */
  barrierTools?: string[];
  /** After stdin ends, the longest wait for unanswered requests before closing anyway. */
  drainTimeoutMs?: number;
  /** Called once after the transport closed (the SDK owns `onclose`). */
  onClosed?: () => void;
}

export class OrderedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private readonly stdin: Readable;
  private readonly stdout: Writable;
  private readonly barrierTools: Set<string>;
  private readonly drainTimeoutMs: number;
  private readonly buffer = new ReadBuffer();
  private readonly queue: JSONRPCMessage[] = [];
  private readonly pending = new Set<RequestId>();
  private barrier: RequestId | null = null;
  private ended = false;
  private closed = false;
  private drainTimer?: NodeJS.Timeout;
  private readonly onClosed?: () => void;

  constructor(options: OrderedStdioTransportOptions = {}) {
    this.stdin = options.stdin ?? process.stdin;
    this.stdout = options.stdout ?? process.stdout;
    this.barrierTools = new Set(options.barrierTools ?? []);
    this.drainTimeoutMs = options.drainTimeoutMs ?? 180_000;
    this.onClosed = options.onClosed;
  }

  private readonly onData = (chunk: Buffer) => {
    try {
      this.buffer.append(chunk);
    } catch (error) {
      this.onerror?.(error as Error);
      void this.close();
      return;
    }
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.buffer.readMessage();
      } catch (error) {
        this.onerror?.(error as Error);
        continue;
      }
      if (message === null) break;
      this.receive(message);
    }
    this.pump();
  };

  private readonly onEnd = () => {
    if (this.ended) return;
    this.ended = true;
    // Deliberately ref'd: with stdin gone, this timer is what keeps the process alive while
    // requests finish (undici's internal timers are unref'd, so a retrying fetch alone may not).
    this.drainTimer = setTimeout(() => void this.close(), this.drainTimeoutMs);
    this.maybeClose();
  };

  private readonly onStreamError = (error: Error) => {
    this.onerror?.(error);
    void this.close();
  };

  async start(): Promise<void> {
    this.stdin.on('data', this.onData);
    this.stdin.on('end', this.onEnd);
    this.stdin.on('close', this.onEnd);
    this.stdin.on('error', this.onStreamError);
    this.stdout.on('error', this.onStreamError);
    if (this.stdin.readableEnded || this.stdin.destroyed) setImmediate(this.onEnd);
  }

  private receive(message: JSONRPCMessage) {
    // A cancellation must not queue behind the request it cancels.
    if (isJSONRPCNotification(message) && message.method === 'notifications/cancelled') {
      const id = (message.params as { requestId?: RequestId } | undefined)?.requestId;
      const queued = this.queue.findIndex((m) => isJSONRPCRequest(m) && m.id === id);
      if (queued !== -1) {
        this.queue.splice(queued, 1);
        return;
      }
      if (id !== undefined) this.settle(id);
      this.onmessage?.(message);
      return;
    }
    this.queue.push(message);
  }

  private isBarrier(message: JSONRPCMessage): boolean {
    if (!isJSONRPCRequest(message) || message.method !== 'tools/call') return false;
    const name = (message.params as { name?: unknown } | undefined)?.name;
    return typeof name === 'string' && this.barrierTools.has(name);
  }

  private pump() {
    while (this.queue.length > 0 && !this.closed) {
      if (this.barrier !== null) return;
      const next = this.queue[0];
      const barrier = this.isBarrier(next);
      if (barrier && this.pending.size > 0) return;
      this.queue.shift();
      if (isJSONRPCRequest(next)) {
        this.pending.add(next.id);
        if (barrier) this.barrier = next.id;
      }
      this.onmessage?.(next);
    }
    this.maybeClose();
  }

  private settle(id: RequestId) {
    this.pending.delete(id);
    if (this.barrier === id) this.barrier = null;
  }

  private maybeClose() {
    if (this.ended && this.queue.length === 0 && this.pending.size === 0) void this.close();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) throw new Error('stdio transport is closed');
    const isResponse = isJSONRPCResultResponse(message) || isJSONRPCErrorResponse(message);
    await new Promise<void>((resolve, reject) => {
      const ok = this.stdout.write(serializeMessage(message), (error) => (error ? reject(error) : undefined));
      if (ok) resolve();
      else this.stdout.once('drain', resolve);
    });
    if (isResponse && message.id !== undefined && message.id !== null) {
      this.settle(message.id as RequestId);
      // Deferred so a response is flushed before the next queued request starts.
      setImmediate(() => this.pump());
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.drainTimer);
    this.stdin.off('data', this.onData);
    this.stdin.off('end', this.onEnd);
    this.stdin.off('close', this.onEnd);
    this.stdin.off('error', this.onStreamError);
    this.stdin.pause();
    this.buffer.clear();
    this.onclose?.();
    this.onClosed?.();
  }
}
