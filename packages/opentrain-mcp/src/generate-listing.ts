/** @module Build step (scripts/build.mjs bundles and runs it): prints the listing computed from the contracts as JSON. */
import { computeListing } from './listing';

process.stdout.write(JSON.stringify(await computeListing()));
