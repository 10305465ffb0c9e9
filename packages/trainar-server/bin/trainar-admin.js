#!/usr/bin/env node
// trainar-admin: TrainAR's operator CLI. Runs src/admin/main.ts as a prebuilt bundle
// (dist/trainar-admin.mjs, rebuilt with esbuild only when a source changed), so an operator's
// command does not compile TypeScript first. Paths resolve from this file, so any directory works.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBundle } from '../../kit/build/workspace-bundle.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bundle = await freshBundle({ root, entry: 'packages/trainar-server/src/admin/main.ts', outfile: fileURLToPath(new URL('../dist/trainar-admin.mjs', import.meta.url)), sourcemap: true });
process.setSourceMapsEnabled(true);
await import(pathToFileURL(bundle).href);
