/** @module CLI exit codes: documented, distinct, shared by every product CLI. */
export const EXIT = {
  ok: 0,
  error: 1,
  usage: 2,
  auth: 3,
  notFound: 4,
  validation: 5,
  conflict: 6,
  rateLimited: 7,
  server: 8,
  network: 9,
} as const;

export function exitCodeForStatus(status: number): number {
  if (status === 0) return EXIT.network;
  if (status === 401 || status === 403) return EXIT.auth;
  if (status === 404) return EXIT.notFound;
  if (status === 400 || status === 422) return EXIT.validation;
  if (status === 409) return EXIT.conflict;
  if (status === 429) return EXIT.rateLimited;
  if (status >= 500) return EXIT.server;
  return EXIT.error;
}
