/** @module Entry point of the trainar-device binary (bin/trainar-device.js loads it through tsx). */
import { runDeviceCli } from './cli';

process.exitCode = await runDeviceCli(process.argv.slice(2));
