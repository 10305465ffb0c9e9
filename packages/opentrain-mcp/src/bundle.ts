/**
 * @module Entry point of the published bundle (`dist/index.js`). `initialize` and `tools/list` are
 * answered from the tool listing generated at build time (scripts/build.mjs, from listing.ts), so
 * start-up evaluates neither the zod contracts nor their JSON Schema conversion; those load with
 * the first `tools/call` (calls.ts, a separate chunk). See docs/mcp.md, "Cold start".
 */
import { McpServer } from '@modelcontextprotocol/server';
import { isOutputSchemasFlag, type JsonSchema, schemaFromJson, serveStdioServer } from '@platform/kit';
import listedTools from 'opentrain-mcp:listing';
import toolsets from 'opentrain-mcp:toolsets';
import type { ToolCalls } from './calls';
import { runEntry } from './entry';
import { INSTRUCTIONS, SERVER_NAME, STDIO_TRANSPORT, VERSION } from './identity';
import { isSelected, ONBOARDING_TOOL_NAMES, parseSelection } from './toolsets';

async function startPrelistedServer(argv: string[], env: NodeJS.ProcessEnv) {
  const selection = parseSelection(argv, env, toolsets);
  const outputSchemas = argv.includes('--output-schemas') || isOutputSchemasFlag(env.OPENTRAIN_MCP_OUTPUT_SCHEMAS);
  const listedOutput = outputSchemas ? (await import('opentrain-mcp:output-schemas')).default : {};
  // Onboarding tools are never read-only; operations carry their readOnlyHint in the listing.
  const tools = listedTools.filter((tool) => isSelected(tool.name, tool.annotations?.readOnlyHint === true, selection));
  let loading: Promise<ToolCalls> | undefined;
  let loaded: ToolCalls | undefined;
  const calls = () => {
    loading ??= import('./calls').then((m) => {
      loaded = m.toolCalls(argv, env);
      return loaded;
    });
    return loading;
  };
  return serveStdioServer(
    () => {
      const server = new McpServer({ name: SERVER_NAME, version: VERSION }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
      for (const tool of tools) {
        const outputSchema = listedOutput[tool.name];
        server.registerTool(
          tool.name,
          {
            ...(tool.title ? { title: tool.title } : {}),
            description: tool.description,
            // Arguments are checked by the handler (same 400 envelope as REST), as in the source server.
            inputSchema: schemaFromJson(tool.inputSchema as JsonSchema, (value) => ({ value })),
            // The SDK checks output only after the handler ran, so the contracts are loaded by then.
            ...(outputSchema ? { outputSchema: schemaFromJson(outputSchema as JsonSchema, (value) => (loaded as ToolCalls).validateOutput(tool.name, value)) } : {}),
            annotations: tool.annotations,
          },
          (async (args: unknown) => (await calls()).call(tool.name, args)) as never,
        );
      }
      return server;
    },
    { barrierTools: ONBOARDING_TOOL_NAMES, transport: STDIO_TRANSPORT },
  );
}

runEntry(startPrelistedServer);
