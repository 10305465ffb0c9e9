/**
 * @module Structured logs (pino). Secrets are redacted twice: known fields by path, and anything
 * shaped like one of our tokens wherever it appears in a message.
 */
import pino, { type Logger } from 'pino';

// `ot_pat_…`, `tak_…`, `whsec_…`: a short lowercase prefix, an optional kind, then 20+ base62 characters.
const TOKEN_SHAPE = /\b([a-z]{2,5}_(?:[a-z]{3}_)?)[0-9A-Za-z]{20,}\b/g;

export function redactSecrets(text: string): string {
  return text.replace(TOKEN_SHAPE, '$1[REDACTED]');
}

export interface LoggerOptions {
  name: string;
  level?: string;
  /** File descriptor: 1 for servers, 2 for stdio MCP servers (stdout is the protocol). */
  fd?: 1 | 2;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: {
        paths: ['token', 'password', 'secret', 'authorization', '*.token', '*.password', '*.secret', '*.authorization', 'headers.authorization', 'req.headers.authorization', 'req.headers.cookie'],
        censor: '[REDACTED]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)) as Parameters<typeof method>);
        },
      },
      formatters: {
        log(object) {
          const err = object.err as Error | undefined;
          if (err instanceof Error) return { ...object, err: { type: err.name, message: redactSecrets(err.message), stack: redactSecrets(err.stack ?? '') } };
          return object;
        },
      },
    },
    pino.destination({ fd: options.fd ?? 1, sync: false }),
  );
}

export type { Logger };
