import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registryViolations } from '@platform/kit/testing';
import { describe, expect, it } from 'vitest';
import { operations, SCOPES, trainarApi } from './index';

const here = fileURLToPath(new URL('.', import.meta.url));

function operationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? operationFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

describe('TrainAR operation registry', () => {
  it('satisfies the kit invariants (hints, one-line descriptions, described inputs, no combinators)', () => {
    expect(registryViolations(trainarApi, { namePattern: /^[a-z]+(_[a-z]+)*$/, maxDescriptionLength: 160 })).toEqual([]);
  });

  it('registers every operation file, each default-exporting the operation it is named after', async () => {
    const files = operationFiles(join(here, 'operations'));
    expect(files.length).toBe(operations.length);
    for (const file of files) {
      const mod = (await import(file)) as { default: { name: string } };
      expect(operations).toContain(mod.default);
      expect(file.endsWith(`/${mod.default.name.replace(/_/g, '-')}.ts`)).toBe(true);
    }
  });

  it('gates every operation with exactly one known scope', () => {
    for (const op of operations) {
      expect(op.scopes, op.name).toHaveLength(1);
      expect(SCOPES, op.name).toContain(op.scopes[0]);
    }
  });

  it('uses the flat function-path style with ?<id>= addressing (no path segments)', () => {
    // `/webhook-subscribe` is the REST-hook path the n8n trigger calls [S: N8N], outside the api-tenant- family.
    for (const op of operations) expect(op.path, op.name).toMatch(/^\/(api-tenant-[a-z-]+|webhook-subscribe)$/);
  });
});
