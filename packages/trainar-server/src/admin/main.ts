/** @module Entry point of the trainar-admin binary (bin/trainar-admin.js loads it through tsx). */
import { runAdminCli } from './cli';

process.exitCode = await runAdminCli(process.argv.slice(2));
