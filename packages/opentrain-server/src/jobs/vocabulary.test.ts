/** The contract's draft schema accepts everything the capabilities advertise and extraction produces. */
import { DRAFT_UPDATE_KEYS, draftFieldsSchema } from '@opentrain/api';
import { describe, expect, it } from 'vitest';
import * as extraction from './extraction';

describe('job vocabularies', () => {
  it('accept every advertised update key and every extracted field', () => {
    const keys = Object.keys(draftFieldsSchema.shape);
    for (const key of DRAFT_UPDATE_KEYS) expect(keys).toContain(key);
    for (const key of extraction.FIELD_NAMES) expect(keys).toContain(key);
  });
});
