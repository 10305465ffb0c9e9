/** @module OpenTrain's error envelope: `{error: "<message>", code, requestId, details}` on every non-2xx. */
import type { ErrorModel } from '@platform/kit';

export const opentrainErrorModel: ErrorModel = {
  codes: {
    validation: 'BAD_REQUEST',
    unauthorized: 'UNAUTHORIZED',
    forbidden: 'FORBIDDEN',
    not_found: 'NOT_FOUND',
    conflict: 'CONFLICT',
    payload_too_large: 'PAYLOAD_TOO_LARGE',
    rate_limited: 'RATE_LIMITED',
    unavailable: 'SERVICE_UNAVAILABLE',
    internal: 'INTERNAL_ERROR',
  },
  envelope: (e, requestId) => ({ error: e.message, code: e.code, requestId, details: e.details ?? {} }),
  parse: (status, body) => {
    const b = (body && typeof body === 'object' ? body : {}) as { error?: unknown; code?: unknown; details?: Record<string, unknown> };
    return {
      status,
      code: typeof b.code === 'string' ? b.code : `HTTP_${status}`,
      message: typeof b.error === 'string' ? b.error : typeof body === 'string' && body ? body.slice(0, 300) : `HTTP ${status}`,
      details: b.details,
    };
  },
};

export const opentrainErrorSchema = {
  type: 'object',
  properties: {
    error: { type: 'string', description: 'Human-readable message' },
    code: { type: 'string', enum: ['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED', 'INTERNAL_ERROR', 'SERVICE_UNAVAILABLE'] },
    requestId: { type: 'string' },
    details: { type: 'object', description: 'reason, field, issues, claimUrl, billingUrl, retryAfterSeconds, …' },
  },
  required: ['error', 'code', 'requestId', 'details'],
};
