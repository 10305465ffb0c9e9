/**
 * @module The OpenTrain stdio MCP server: onboarding tools plus one tool per Public API operation,
 * each calling the HTTP API with the credentials resolved at call time (env token, else cli.json).
 */
import { createHttpClient, isOutputSchemasFlag, runStdioServer, type StdioServerOptions } from '@platform/kit';
import { opentrainApi } from '@opentrain/api';
import { resolveForMcp } from '@opentrain/client';
import { ONBOARDING_TOOL_NAMES, onboardingTools, registerOnboardingTools } from './onboarding';
import { deriveToolsets, isSelected, parseSelection } from './toolsets';
import { INSTRUCTIONS, SERVER_NAME, STDIO_TRANSPORT, VERSION } from './identity';

export { INSTRUCTIONS, SERVER_NAME, VERSION };

const mcpOperations = opentrainApi.operations.filter((op) => !op.exclude?.includes('mcp'));

/** Every tool by toolset, from the toolset each declares (onboarding tools, then the contracts). */
export const TOOLSETS = deriveToolsets([...onboardingTools({ env: {} }), ...mcpOperations]);
export const ALL_TOOL_NAMES = Object.values(TOOLSETS).flat();

/** Everything the stdio server serves for these flags and environment (tests list it in-process). */
export function serverOptions(argv: string[], env: NodeJS.ProcessEnv): StdioServerOptions {
  const selection = parseSelection(argv, env, TOOLSETS);
  // Output schemas double tools/list: listed only on request (docs/mcp.md, "Tool budget").
  const outputSchemas = argv.includes('--output-schemas') || isOutputSchemasFlag(env.OPENTRAIN_MCP_OUTPUT_SCHEMAS);
  const operations = mcpOperations.filter((op) => isSelected(op.name, op.annotations.readOnlyHint, selection));
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
    transport: STDIO_TRANSPORT,
  };
}

export function startServer(argv: string[], env: NodeJS.ProcessEnv) {
  return runStdioServer(serverOptions(argv, env));
}
