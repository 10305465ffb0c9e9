/** @module The Hono environment of every kit app: the request id every handler and log line carries. */
export type AppEnv = { Variables: { requestId: string; /** The caller's address (client-address.ts). */ clientIp?: string } };
