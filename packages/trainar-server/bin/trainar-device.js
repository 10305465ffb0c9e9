#!/usr/bin/env node
// trainar-device: a simulator of TrainAR glasses (pairs, runs sessions over the device API). Runs
// src/simulator/main.ts as a prebuilt bundle (dist/trainar-device.mjs, rebuilt with esbuild only
// when a source changed), like trainar-admin.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBundle } from '../../kit/build/workspace-bundle.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bundle = await freshBundle({ root, entry: 'packages/trainar-server/src/simulator/main.ts', outfile: fileURLToPath(new URL('../dist/trainar-device.mjs', import.meta.url)), sourcemap: true });
process.setSourceMapsEnabled(true);
await import(pathToFileURL(bundle).href);
