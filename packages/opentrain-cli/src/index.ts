/**
 * @module Entry point of `opentrain`. Output goes to stdout, errors and progress to stderr; the
 * exit code is documented in docs/cli.md.
 */
import { main } from './cli';

process.exitCode = await main(process.argv.slice(2));
