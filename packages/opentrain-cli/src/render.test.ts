import { defineOperation, z } from '@platform/kit';
import { describe, expect, it } from 'vitest';
import { translateToolNames } from './commands-map';
import { renderHuman } from './render';
import { renderTable } from './table';

const listOp = defineOperation({
  name: 'opentrain_test_list_things',
  method: 'GET',
  path: '/things',
  description: 'List things.',
  input: z.object({ cursor: z.string().optional() }),
  output: z.object({
    things: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        status: z.string(),
        descriptionText: z.string(),
        counts: z.object({ total: z.number() }),
        tags: z.array(z.string()),
      }),
    ),
    nextCursor: z.string().nullable(),
  }),
  auth: 'required',
  scopes: [],
  annotations: {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: false,
  },
  summarize: (out) => [`${out.things.length} thing(s).`, ...out.things.map((t) => `- ${t.id} ${t.title}`), 'Next: opentrain_auth_status.'].join('\n'),
});

const draftOp = defineOperation({
  name: 'opentrain_test_draft',
  method: 'POST',
  path: '/drafts',
  description: 'Draft.',
  input: z.object({}),
  output: z.object({
    jobId: z.string(),
    validation: z.object({
      publishReady: z.boolean(),
      missingFields: z.array(z.string()),
    }),
    missingFields: z.array(
      z.object({
        field: z.string(),
        prompt: z.string(),
        type: z.string(),
        enumValues: z.array(z.string()).nullable(),
        updateKeys: z.array(z.string()),
        example: z.unknown(),
      }),
    ),
  }),
  auth: 'required',
  scopes: [],
  annotations: {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: false,
    openWorldHint: false,
  },
  summarize: (out) =>
    [`Draft ${out.jobId} created.`, ...out.missingFields.map((m) => `- ${m.field} (${m.type}): ${m.prompt}`), `Next: ask the human, then opentrain_update_job_draft_fields with jobId ${out.jobId}.`].join('\n'),
});

describe('renderTable', () => {
  it('puts ids, titles and statuses first, flattens one level, leaves long text out, truncates', () => {
    const table = renderTable([
      {
        descriptionText: 'long',
        status: 'OPEN',
        title: 'A'.repeat(60),
        id: 'job_1',
        counts: { total: 3 },
        tags: ['x', 'y'],
      },
      {
        descriptionText: 'long',
        status: 'DRAFT',
        title: 'Short',
        id: 'job_2',
        counts: { total: 0 },
        tags: [],
      },
    ]);
    const [header, first, second] = table.split('\n');
    expect(header.split(/\s{2,}/)).toEqual(['ID', 'TITLE', 'STATUS', 'TAGS', 'COUNTS.TOTAL']);
    expect(first).toContain(`job_1  ${'A'.repeat(39)}…  OPEN`);
    expect(second).toMatch(/^job_2 +Short +DRAFT +- +0$/);
    expect(table).not.toContain('long');
  });

  it('says (none) for an empty list', () => {
    expect(renderTable([])).toBe('(none)');
  });
});

describe('renderHuman', () => {
  it('shows lists as a table instead of the bullet lines, with the paging hint', () => {
    const text = renderHuman(
      listOp,
      {
        things: [
          {
            id: 't1',
            title: 'One',
            status: 'OPEN',
            descriptionText: 'd',
            counts: { total: 1 },
            tags: [],
          },
        ],
        nextCursor: 'c2',
      },
      {},
    );
    expect(text).toContain('1 thing(s).');
    expect(text).not.toContain('- t1 One');
    expect(text).toMatch(/ID +TITLE +STATUS/);
    expect(text).toContain('More results: repeat with --cursor c2');
    expect(text).toContain('Next: "opentrain whoami".');
  });

  it('lists every missing draft field with its ask: question, type, values and the exact --set command', () => {
    const text = renderHuman(
      draftOp,
      {
        jobId: 'job_9',
        validation: { publishReady: false, missingFields: ['experienceLevel'] },
        missingFields: [
          {
            field: 'experienceLevel',
            prompt: 'ask: What experience level should AI trainers have?',
            type: 'enum',
            enumValues: ['EXPERT', 'INTERMEDIATE'],
            updateKeys: ['experienceLevel'],
            example: 'INTERMEDIATE',
          },
        ],
      },
      {},
    );
    expect(text).toContain('Missing fields (1): ask the human, then set the answers.');
    expect(text).toContain('  experienceLevel [enum: one of EXPERT, INTERMEDIATE]');
    expect(text).toContain('    ask: What experience level should AI trainers have?');
    expect(text).toContain('Still missing: experienceLevel. Next: ');
    expect(text.match(/ask: What experience/g)).toHaveLength(1);
    expect(text).not.toContain('opentrain_update_job_draft_fields');
  });

  it('a publish-ready draft points at publishing', () => {
    const text = renderHuman(
      draftOp,
      {
        jobId: 'job_9',
        validation: { publishReady: true, missingFields: [] },
        missingFields: [],
      },
      {},
    );
    expect(text).not.toContain('Missing fields');
  });
});

describe('translateToolNames', () => {
  it('turns MCP tool names into CLI commands and fills "with <param> <value>"', () => {
    expect(translateToolNames('Next: opentrain_claim_account with the email.')).toBe('Next: "opentrain auth claim --email <owner-email>" with the email.');
    expect(translateToolNames('Revoke with opentrain_revoke_token with tokenId tok_1.')).toBe('Revoke with "opentrain tokens revoke --token-id tok_1".');
    expect(translateToolNames('unknown opentrain_no_such_tool stays')).toBe('unknown opentrain_no_such_tool stays');
  });
});
