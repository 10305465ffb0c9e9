/**
 * @module The OpenTrain stdio MCP server: onboarding tools plus one tool per Public API operation,
 * each calling the HTTP API with the credentials resolved at call time (env token, else cli.json).
 */
import { createHttpClient, isOutputSchemasFlag, runStdioServer, type StdioServerOptions, UNTRUSTED_DATA_NOTICE } from '@platform/kit';
import { opentrainApi } from '@opentrain/api';
import { resolveForMcp } from '@opentrain/client';
import { ONBOARDING_TOOL_NAMES, registerOnboardingTools } from './onboarding';
import { isSelected, parseSelection } from './toolsets';
import pkg from '../package.json' with { type: 'json' };

/** The package's own version (bundled in), reported as serverInfo.version and in the User-Agent. */
export const VERSION: string = pkg.version;

export const SERVER_NAME = 'opentrain';

export const INSTRUCTIONS =
  'OpenTrain: hire AI trainers. Start with opentrain_register_agent (no credentials needed), then draft with opentrain_create_job_draft, fill missing fields, publish. Money never moves from here: hire, funding, approval and contract-end return an approvalUrl a signed-in human must confirm. ' + UNTRUSTED_DATA_NOTICE;

/** Everything the stdio server serves for these flags and environment (tests list it in-process). */
export function serverOptions(argv: string[], env: NodeJS.ProcessEnv): StdioServerOptions {
  const selection = parseSelection(argv, env);
  // Output schemas double tools/list: listed only on request (docs/mcp.md, "Tool budget").
  const outputSchemas = argv.includes('--output-schemas') || isOutputSchemasFlag(env.OPENTRAIN_MCP_OUTPUT_SCHEMAS);
  const operations = opentrainApi.operations.filter((op) => !op.exclude?.includes('mcp') && isSelected(op.name, op.annotations.readOnlyHint, selection));
  return {
    api: opentrainApi,
    name: SERVER_NAME,
    version: VERSION,
    instructions: INSTRUCTIONS,
    operations,
    listing: { outputSchemas },
    client: () => {
      const auth = resolveForMcp(env);
      return createHttpClient(opentrainApi, {
        baseUrl: auth.baseUrl,
        token: auth.token,
        userAgent: `opentrain-mcp/${VERSION}`,
      });
    },
    registerExtraTools: (server) => registerOnboardingTools(server, { env, outputSchemas }, (name, readOnly) => isSelected(name, readOnly, selection)),
    // They swap the saved token: calls piped after them must see the new credentials.
    barrierTools: ONBOARDING_TOOL_NAMES,
    transport: {
      // Exit once stdin closed and every request read was answered, even if a socket lingers.
      onClosed: () => setTimeout(() => process.exit(0), 200).unref(),
    },
  };
}

export function startServer(argv: string[], env: NodeJS.ProcessEnv) {
  return runStdioServer(serverOptions(argv, env));
}
