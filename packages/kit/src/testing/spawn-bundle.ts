/**
 * @module Test helper: a TypeScript fixture that tests spawn as a child process, bundled once so
 * each child starts with plain `node` (about 0.3 s) instead of compiling through tsx (1.5 s or more
 * per process on this machine). Rebuilt only when one of its sources changed.
 */
import { createHash } from 'node:crypto';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshBundle } from '../../build/workspace-bundle.mjs';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const building = new Map<string, Promise<string>>();

/** The path of a bundle of `entry` (an absolute .ts path) to run with `node <path>`. */
export function bundleForSpawn(entry: string): Promise<string> {
  let bundle = building.get(entry);
  if (!bundle) {
    const id = createHash('sha256').update(entry).digest('hex').slice(0, 10);
    // Under node_modules, so the bundle's external imports resolve from the repository's packages.
    const outfile = join(repoRoot, 'node_modules/.cache/spawn-bundles', `${basename(entry, '.ts')}-${id}.mjs`);
    bundle = freshBundle({ root: repoRoot, entry: relative(repoRoot, entry), outfile });
    building.set(entry, bundle);
  }
  return bundle;
}
