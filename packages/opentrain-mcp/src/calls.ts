/**
 * @module The heavy half of the bundle, imported on the first `tools/call` (esbuild splits it into
 * its own chunk): the zod contracts, the HTTP client and every tool's handler, exactly as the
 * source server (server.ts) wires them.
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import { remoteCaller } from '@platform/kit';
import { onboardingTools } from './onboarding';
import { serverOptions } from './server';

export interface ToolCalls {
  call(name: string, args: unknown): Promise<CallToolResult>;
  /** The Standard Schema check of a success `structuredContent` (when output schemas are listed). */
  validateOutput(name: string, value: unknown): unknown;
}

export function toolCalls(argv: string[], env: NodeJS.ProcessEnv): ToolCalls {
  const options = serverOptions(argv, env);
  const caller = remoteCaller(options.client);
  const operations = new Map((options.operations ?? []).map((op) => [op.name, op]));
  const onboarding = new Map(onboardingTools({ env }).map((tool) => [tool.name, tool]));
  const known = (name: string) => {
    const tool = onboarding.get(name);
    // Only listed tools are registered, so this cannot happen short of a build from other sources.
    if (!tool) throw new Error(`opentrain-mcp: no handler for tool ${name}`);
    return tool;
  };
  return {
    call: (name, args) => {
      const op = operations.get(name);
      return op ? caller(op, (args ?? {}) as Record<string, unknown>) : known(name).handler(args);
    },
    validateOutput: (name, value) => {
      const op = operations.get(name);
      return op ? op.output['~standard'].validate(value) : known(name).config.outputSchema['~standard'].validate(value);
    },
  };
}
