#!/usr/bin/env node
/**
 * `npm start`: runs scripts/start.ts as a prebuilt bundle (dist/start.mjs), so no TypeScript is
 * compiled at start. The bundle is rebuilt with esbuild (~1 s) only when it is missing or one of
 * the files it was built from (listed in dist/start.mjs.inputs.json) changed, so a fresh clone and
 * an edited checkout both work with `npm start` alone. Dependencies stay in node_modules; only the
 * workspace sources (@platform/*, @opentrain/*, @trainar/*) are bundled
 * (packages/kit/build/workspace-bundle.mjs).
 */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBundle } from '../packages/kit/build/workspace-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bundle = await freshBundle({ root, entry: 'scripts/start.ts', outfile: join(root, 'dist/start.mjs'), sourcemap: true });
  if (process.argv.includes('--build-only')) process.exit(0);
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
}
