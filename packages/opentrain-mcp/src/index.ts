/**
 * @module Entry point from source (`tsx src/index.ts`): tools are listed from the contracts at run
 * time. The published bundle starts from `bundle.ts` instead (tool list generated at build time).
 */
import { runEntry } from './entry';
import { startServer } from './server';

runEntry(startServer);
