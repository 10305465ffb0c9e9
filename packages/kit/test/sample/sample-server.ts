/** The sample product's server: a real database, real tokens, the kit's REST and hosted MCP. */
import { type Generated, type Kysely, sql } from 'kysely';
import pino from 'pino';
import {
  type AnyDb,
  type CallerAuth,
  type RequestScope,
  type SqlMigration,
  createApp,
  createHostedMcp,
  createOperationServer,
  buildOpenApi,
  generateToken,
  hashToken,
  implement,
  isWellFormedToken,
  mountOperations,
  newId,
  notFound,
  unauthorized,
} from '../../src/index';
import { createNote, findNote, getNote, listNotes, sampleApi } from './sample-api';

export const sampleMigrations: SqlMigration[] = [
  {
    name: 'sample-0001',
    up: `create table notes (id text primary key, title text not null, body text not null, created_at timestamptz not null default now());
         create table sample_tokens (id text primary key, token_hash text unique not null, scopes text[] not null, revoked boolean not null default false);`,
  },
];

interface SampleTables {
  notes: { id: string; title: string; body: string; created_at: Generated<Date> };
  sample_tokens: { id: string; token_hash: string; scopes: string[]; revoked: Generated<boolean> };
}

interface SampleContext {
  db: Kysely<SampleTables>;
  scope: RequestScope<CallerAuth>;
}

const toNote = (r: { id: string; title: string; body: string; created_at: Date | string }) => ({
  id: r.id,
  title: r.title,
  body: r.body,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function mintSampleToken(db: AnyDb, scopes: string[]): Promise<{ token: string; id: string }> {
  const token = generateToken('smp_');
  const id = newId('tok');
  await db.insertInto('sample_tokens').values({ id, token_hash: hashToken(token), scopes: sql<string[]>`${sql.val(scopes)}::text[]` as never }).execute();
  return { token, id };
}

export function buildSampleApp(anyDb: AnyDb) {
  const db = anyDb as Kysely<SampleTables>;
  const server = createOperationServer<CallerAuth, SampleContext>({
    api: sampleApi,
    implementations: [
      implement(createNote, async (input, ctx) => {
        const row = await ctx.db.insertInto('notes').values({ id: newId('note'), title: input.title, body: input.body }).returningAll().executeTakeFirstOrThrow();
        return { note: toNote(row) };
      }),
      implement(getNote, async (input, ctx) => {
        const row = await ctx.db.selectFrom('notes').selectAll().where('id', '=', input.noteId).executeTakeFirst();
        if (!row) throw notFound(`Note ${input.noteId} does not exist.`, { resource: 'note', noteId: input.noteId });
        return { note: toNote(row) };
      }),
      implement(findNote, async (input, ctx) => {
        const row = await ctx.db.selectFrom('notes').selectAll().where('id', '=', input.note_id).executeTakeFirst();
        if (!row) throw notFound(`Note ${input.note_id} does not exist.`, { resource: 'note', noteId: input.note_id });
        return { note: toNote(row) };
      }),
      implement(listNotes, async (input, ctx) => {
        const rows = await ctx.db.selectFrom('notes').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(input.limit).execute();
        return { notes: rows.map(toNote) };
      }),
    ],
    async authenticate(credential) {
      if (!credential) return null;
      if (!isWellFormedToken(credential, ['smp_'])) throw unauthorized('Malformed token.');
      const row = await db.selectFrom('sample_tokens').selectAll().where('token_hash', '=', hashToken(credential)).executeTakeFirst();
      if (!row || row.revoked) throw unauthorized('Unknown or revoked token.');
      return { credentialId: row.id, scopes: row.scopes };
    },
    makeContext: (scope) => ({ db, scope }),
  });
  const app = createApp({ errorModel: sampleApi.errorModel, logger: pino({ level: 'silent' }), apiPrefixes: ['/api/'], ready: async () => true });
  const openapi = buildOpenApi(sampleApi, { errorSchema: { type: 'object', properties: { error: { type: 'string' }, code: { type: 'string' }, requestId: { type: 'string' }, details: { type: 'object' } }, required: ['error', 'code', 'requestId'] } });
  app.get('/api/v1/openapi.json', (c) => c.json(openapi));
  app.all('/mcp', createHostedMcp(server, { name: 'sample', version: '1.0.0', requireAuth: true }));
  mountOperations(app, server);
  return app;
}
