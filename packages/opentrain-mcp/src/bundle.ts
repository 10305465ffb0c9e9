/**
 * @module Entry point of the published bundle (`dist/index.js`). `initialize` is answered before
 * anything of ours is parsed beyond the toolsets: the tool listing generated at build time
 * (scripts/build.mjs, from listing.ts) is a JSON string parsed on the first `tools/list`, and the
 * zod contracts with their handlers load with the first `tools/call` (calls.ts, a separate chunk).
 * With the listing prebuilt there is nothing for McpServer's registry to do, so this serves the
 * SDK's low-level Server with two handlers. See docs/mcp.md, "Cold start".
 */
import { type CallToolResult, ProtocolError, ProtocolErrorCode, Server, type Tool } from '@modelcontextprotocol/server';
import { isOutputSchemasFlag, serveStdioServer } from '@platform/kit';
import listing from 'opentrain-mcp:listing';
import toolsets from 'opentrain-mcp:toolsets';
import type { ToolCalls } from './calls';
import { runEntry } from './entry';
import { INSTRUCTIONS, SERVER_NAME, STDIO_TRANSPORT, VERSION } from './identity';
import { isSelected, ONBOARDING_TOOL_NAMES, parseSelection } from './toolsets';

async function startPrelistedServer(argv: string[], env: NodeJS.ProcessEnv) {
  // Parsed now so a bad --toolsets/--tools value fails at start (exit 2), not on the first list.
  const selection = parseSelection(argv, env, toolsets);
  const outputSchemas = argv.includes('--output-schemas') || isOutputSchemasFlag(env.OPENTRAIN_MCP_OUTPUT_SCHEMAS);
  const listedOutput = outputSchemas ? (await import('opentrain-mcp:output-schemas')).default : {};
  let served: Map<string, Tool> | undefined;
  // Onboarding tools are never read-only; operations carry their readOnlyHint in the listing.
  const servedTools = () => {
    served ??= new Map(
      (JSON.parse(listing) as Tool[])
        .filter((tool) => isSelected(tool.name, tool.annotations?.readOnlyHint === true, selection))
        .map((tool) => [tool.name, listedOutput[tool.name] ? { ...tool, outputSchema: listedOutput[tool.name] } : tool]),
    );
    return served;
  };
  let loading: Promise<ToolCalls> | undefined;
  const calls = () => {
    loading ??= import('./calls').then((m) => m.toolCalls(argv, env));
    return loading;
  };

  // What McpServer does for a registered tool: unknown name → invalid params; a handler that
  // throws → a tool error; a listed output schema → structured content checked against it.
  async function callTool(name: string, args: unknown): Promise<CallToolResult> {
    const tool = servedTools().get(name);
    if (!tool) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Tool ${name} not found (not served with this server's --toolsets/--tools/--exclude-tools/--read-only selection)`);
    const loaded = await calls();
    let result: CallToolResult;
    try {
      result = await loaded.call(name, args);
    } catch (err) {
      return { content: [{ type: 'text', text: err instanceof Error ? err.message : String(err) }], isError: true };
    }
    if (tool.outputSchema && !result.isError) {
      const checked = (await loaded.validateOutput(name, result.structuredContent)) as { issues?: readonly { message: string }[] };
      if (checked.issues) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Output validation error: Invalid structured content for tool ${name}: ${checked.issues.map((i) => i.message).join('; ')}`);
    }
    return result;
  }

  return serveStdioServer(
    () => {
      const server = new Server({ name: SERVER_NAME, version: VERSION }, { capabilities: { tools: {} }, instructions: INSTRUCTIONS });
      server.setRequestHandler('tools/list', () => ({ tools: [...servedTools().values()] }));
      server.setRequestHandler('tools/call', (request) => callTool(request.params.name, request.params.arguments));
      return server;
    },
    { barrierTools: ONBOARDING_TOOL_NAMES, transport: STDIO_TRANSPORT },
  );
}

runEntry(startPrelistedServer);
