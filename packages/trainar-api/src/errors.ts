/** @module TrainAR's error envelope: `{error: "ERROR_CODE", message}`. */
import type { ErrorModel } from '@platform/kit';

export const trainarErrorModel: ErrorModel = {
  codes: {
    validation: 'BAD_REQUEST',
    unauthorized: 'UNAUTHORIZED',
    forbidden: 'INSUFFICIENT_PERMISSIONS',
    not_found: 'NOT_FOUND',
    conflict: 'CONFLICT',
    payload_too_large: 'PAYLOAD_TOO_LARGE',
    rate_limited: 'RATE_LIMITED',
    unavailable: 'SERVICE_UNAVAILABLE',
    internal: 'INTERNAL_ERROR',
  },
  // details are not part of the documented envelope; they are added only when present, so a client
  // reading {error, message} is unaffected and a tool can still show the offending field.
  envelope: (e) => ({ error: e.code, message: e.message, ...(e.details && Object.keys(e.details).length ? { details: e.details } : {}) }),
  parse: (status, body) => {
    const b = (body && typeof body === 'object' ? body : {}) as { error?: unknown; message?: unknown; details?: Record<string, unknown> };
    return {
      status,
      code: typeof b.error === 'string' ? b.error : `HTTP_${status}`,
      message: typeof b.message === 'string' ? b.message : `HTTP ${status}`,
      details: b.details,
    };
  },
};

export const trainarErrorSchema = {
  type: 'object',
  properties: {
    error: { type: 'string', description: 'Stable error code', enum: ['BAD_REQUEST', 'UNAUTHORIZED', 'INSUFFICIENT_PERMISSIONS', 'NOT_FOUND', 'CONFLICT', 'RATE_LIMITED', 'INTERNAL_ERROR', 'PAYLOAD_TOO_LARGE', 'SERVICE_UNAVAILABLE', 'NO_ACTIVE_SEAT', 'SKILL_FAILED', 'SKILL_TIMEOUT'] },
    message: { type: 'string' },
    details: { type: 'object' },
  },
  required: ['error', 'message'],
};
