/** @module The Hono environment of every kit app: the request id every handler and log line carries. */
export type AppEnv = { Variables: { requestId: string } };
