import { describe, expect, it } from 'vitest';
import { HOSTILE_TEXT, outsideFences } from '../testing/hostile-summaries';
import { clipUserText, editUserText, fenceUserText, UNTRUSTED_CLOSE, UNTRUSTED_OPEN, untrusted } from './untrusted';

describe('untrusted user text', () => {
  it('fences hostile text so it can neither close the fence nor fake a line of ours', () => {
    const fenced = untrusted(HOSTILE_TEXT, 10_000);
    expect(fenced.startsWith(UNTRUSTED_OPEN) && fenced.endsWith(UNTRUSTED_CLOSE)).toBe(true);
    expect(fenced.split(UNTRUSTED_CLOSE)).toHaveLength(2);
    expect(fenced.split(UNTRUSTED_OPEN)).toHaveLength(2);
    expect([...fenced].filter((ch) => ch.charCodeAt(0) < 0x20 || ch === '\u202e')).toEqual([]);
    expect(outsideFences(`before ${fenced} after`)).toBe('before   after');
  });

  it('fences free text by schema and field name, leaving ids, enums and timestamps alone', () => {
    const schema = {
      type: 'object',
      properties: {
        id: { type: 'string' },
        status: { type: 'string', enum: ['open'] },
        createdAt: { type: 'string' },
        name: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
        note: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
    };
    const fenced = fenceUserText(schema, { id: 'u_1', status: 'open', createdAt: '2026', name: 'Ann', tags: ['x'], note: null });
    expect(fenced).toEqual({ id: 'u_1', status: 'open', createdAt: '2026', name: untrusted('Ann'), tags: [untrusted('x')], note: null });
  });

  it('clips and edits inside the fence', () => {
    expect(clipUserText(untrusted('abcdef'), 3)).toBe(untrusted('abc…'));
    expect(editUserText(untrusted('Ann · Job'), (t) => t.split(' · ')[0])).toBe(untrusted('Ann'));
  });
});
