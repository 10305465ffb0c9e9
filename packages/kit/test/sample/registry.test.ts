import { describe, expect, it } from 'vitest';
import { defineApi, defineOperation, z } from '../../src/index';
import { registryViolations } from '../../src/testing/index';
import { createNote, sampleApi, sampleErrorModel } from './sample-api';

describe('registry invariants', () => {
  it('holds for the sample registry', () => {
    expect(registryViolations(sampleApi, { namePattern: /^sample_[a-z_]+$/ })).toEqual([]);
  });

  it('reports the mistakes a contributor would make', () => {
    const sloppy = defineOperation({
      ...createNote,
      name: 'sample_bad',
      path: '/bad',
      description: 'Line one\nline two',
      input: z.object({ mode: z.union([z.string(), z.number()]) }),
      annotations: { readOnlyHint: true, destructiveHint: true, idempotentHint: true, openWorldHint: false },
      scopes: [],
      summarize: () => 'bad',
    });
    const api = defineApi({ ...sampleApi, errorModel: sampleErrorModel, operations: [sloppy] });
    const problems = registryViolations(api, { namePattern: /^sample_[a-z_]+$/ });
    expect(problems).toEqual(
      expect.arrayContaining([
        'sample_bad: read-only and destructive at once',
        'sample_bad: read-only but uses POST',
        'sample_bad: description must be one line',
        expect.stringContaining('lists no scope'),
        'sample_bad: input field mode has no description',
      ]),
    );
  });

  it('refuses a path parameter missing from the input, and duplicate names or routes', () => {
    expect(() => defineOperation({ ...createNote, path: '/notes/{noteId}' })).toThrow(/path parameter \{noteId\}/);
    expect(() => defineApi({ ...sampleApi, operations: [createNote, createNote] })).toThrow(/Duplicate operation name/);
  });
});
