/** @module What the server says about itself (light: the bundle's start path imports it without the contracts). */
import { UNTRUSTED_DATA_NOTICE } from '@platform/kit';
import pkg from '../package.json' with { type: 'json' };

/** The package's own version (bundled in), reported as serverInfo.version and in the User-Agent. */
export const VERSION: string = pkg.version;

export const SERVER_NAME = 'opentrain';

export const INSTRUCTIONS =
  'OpenTrain: hire AI trainers. Start with opentrain_register_agent (no credentials needed), then draft with opentrain_create_job_draft, fill missing fields, publish. Money never moves from here: hire, funding, approval and contract-end return an approvalUrl a signed-in human must confirm. ' +
  UNTRUSTED_DATA_NOTICE;

/** Exit once stdin closed and every request read was answered, even if a socket lingers. */
export const STDIO_TRANSPORT = { onClosed: () => setTimeout(() => process.exit(0), 200).unref() };
