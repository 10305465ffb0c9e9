/**
 * A tiny product used to prove the kit: one definition per operation, served on every surface.
 */
import { type ErrorModel, defineApi, defineOperation, z } from '../../src/index';

export const sampleErrorModel: ErrorModel = {
  codes: {
    validation: 'BAD_REQUEST',
    unauthorized: 'UNAUTHORIZED',
    forbidden: 'FORBIDDEN',
    not_found: 'NOT_FOUND',
    conflict: 'CONFLICT',
    payload_too_large: 'PAYLOAD_TOO_LARGE',
    rate_limited: 'RATE_LIMITED',
    unavailable: 'UNAVAILABLE',
    internal: 'INTERNAL_ERROR',
  },
  envelope: (e, requestId) => ({ error: e.message, code: e.code, requestId, details: e.details ?? {} }),
  parse: (status, body) => {
    const b = (body ?? {}) as { error?: string; code?: string; details?: Record<string, unknown> };
    return { status, code: b.code ?? `HTTP_${status}`, message: b.error ?? `HTTP ${status}`, details: b.details };
  },
};

const Note = z.object({ id: z.string(), title: z.string(), body: z.string(), createdAt: z.string() });

export const createNote = defineOperation({
  name: 'sample_create_note',
  method: 'POST',
  path: '/notes',
  description: 'Create a note with a title and a body.',
  input: z.object({
    title: z.string().min(1).max(80).describe('Short title'),
    body: z.string().max(1000).default('').describe('Note text'),
  }),
  output: z.object({ note: Note }),
  auth: 'required',
  scopes: ['notes:write'],
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  successStatus: 201,
  cli: ['notes', 'create'],
  summarize: (out) => `Created note ${out.note.id} "${out.note.title}". Next: sample_get_note with noteId ${out.note.id}.`,
});

export const getNote = defineOperation({
  name: 'sample_get_note',
  method: 'GET',
  path: '/notes/{noteId}',
  description: 'Fetch one note by id.',
  input: z.object({ noteId: z.string().min(1).describe('Note id') }),
  output: z.object({ note: Note }),
  auth: 'required',
  scopes: ['notes:read'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  cli: ['notes', 'get'],
  summarize: (out) => `Note ${out.note.id}: "${out.note.title}".`,
});

export const listNotes = defineOperation({
  name: 'sample_list_notes',
  method: 'GET',
  path: '/notes',
  description: 'List notes, newest first.',
  input: z.object({ limit: z.number().int().min(1).max(100).default(20).describe('Page size, 1-100') }),
  output: z.object({ notes: z.array(Note) }),
  auth: 'required',
  scopes: ['notes:read'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  cli: ['notes', 'list'],
  summarize: (out) => `${out.notes.length} note(s).`,
});

/** Same method and path as list, selected by the `note_id` query parameter (TrainAR's style). */
export const findNote = defineOperation({
  name: 'sample_find_note',
  method: 'GET',
  path: '/notes',
  selectWhen: 'note_id',
  description: 'Fetch one note by id, addressed with ?note_id=.',
  input: z.object({ note_id: z.string().min(1).describe('Note id') }),
  output: z.object({ note: Note }),
  auth: 'required',
  scopes: ['notes:read'],
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  cli: ['notes', 'find'],
  summarize: (out) => `Note ${out.note.id}: "${out.note.title}".`,
});

export const sampleApi = defineApi({
  product: 'sample',
  title: 'Sample API',
  version: '1.0.0',
  basePath: '/api/v1',
  errorModel: sampleErrorModel,
  operations: [createNote, getNote, listNotes, findNote],
  hasScope: (granted, required) => granted.includes(required) || (required.endsWith(':read') && granted.includes(required.replace(/:read$/, ':write'))),
});
