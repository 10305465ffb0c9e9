/**
 * @module MCP tools derived from operation contracts. Schemas are converted once and cached; the
 * SDK's own argument check is a pass-through so argument errors come back through the same
 * pipeline (and the same envelope) as on REST. Results: a text summary plus `structuredContent`
 * holding the exact API body; failures: `isError` with status, code, message and details.
 */
import type { CallToolResult, McpServer, StandardSchemaWithJSON } from '@modelcontextprotocol/server';
import type { ErrorPayload } from '../errors/api-error';
import type { AnyOperation } from '../operations/define';
import { type JsonSchema, mcpInputJsonSchema, operationSchemas } from '../operations/json-schema';

/** Wraps a precomputed JSON Schema as the Standard Schema the SDK accepts. */
function schemaFromJson(json: JsonSchema, validate: (value: unknown) => unknown): StandardSchemaWithJSON {
  return {
    '~standard': {
      version: 1,
      vendor: 'platform-kit',
      validate: validate as never,
      jsonSchema: { input: () => json, output: () => json },
    },
  } as StandardSchemaWithJSON;
}

interface ToolDefinition {
  name: string;
  config: {
    title?: string;
    description: string;
    inputSchema: StandardSchemaWithJSON;
    outputSchema: StandardSchemaWithJSON;
    annotations: AnyOperation['annotations'] & { title?: string };
  };
}

const definitions = new WeakMap<AnyOperation, ToolDefinition>();

export function toolDefinition(op: AnyOperation): ToolDefinition {
  let def = definitions.get(op);
  if (!def) {
    const schemas = operationSchemas(op);
    def = {
      name: op.name,
      config: {
        title: op.title,
        description: op.description,
        inputSchema: schemaFromJson(mcpInputJsonSchema(op), (value) => ({ value })),
        // The SDK checks structuredContent against this: a handler returning the wrong shape is caught.
        outputSchema: schemaFromJson(schemas.output, (value) => op.output['~standard'].validate(value)),
        annotations: { ...op.annotations, title: op.title },
      },
    };
    definitions.set(op, def);
  }
  return def;
}

export function successResult(op: AnyOperation, output: unknown, input: unknown): CallToolResult {
  let text: string;
  try {
    text = op.summarize(output as never, input as never);
  } catch {
    text = `${op.name} succeeded.`;
  }
  return { content: [{ type: 'text', text }], structuredContent: output as Record<string, unknown> };
}

export function errorResult(error: ErrorPayload & { requestId?: string }): CallToolResult {
  const lines = [`Error (HTTP ${error.status} ${error.code}): ${error.message}`];
  if (error.details && Object.keys(error.details).length) lines.push(`Details: ${JSON.stringify(error.details)}`);
  return {
    isError: true,
    content: [{ type: 'text', text: lines.join('\n') }],
    structuredContent: { status: error.status, code: error.code, message: error.message, details: error.details ?? {}, requestId: error.requestId },
  };
}

export type ToolCaller = (op: AnyOperation, args: Record<string, unknown>) => Promise<CallToolResult>;

export function registerOperationTools(server: McpServer, ops: AnyOperation[], call: ToolCaller): void {
  for (const op of ops) {
    const def = toolDefinition(op);
    server.registerTool(def.name, def.config, ((args: Record<string, unknown>) => call(op, args ?? {})) as never);
  }
}

/** Toolset selection shared by every MCP entry point. */
export interface ToolFilter {
  toolsets?: string[];
  tools?: string[];
  excludeTools?: string[];
  readOnly?: boolean;
}

export function selectTools<T extends { name: string; toolset?: string; annotations: { readOnlyHint: boolean } }>(ops: T[], filter: ToolFilter = {}): T[] {
  const toolsets = filter.toolsets?.filter(Boolean);
  const all = !toolsets?.length || toolsets.includes('all');
  return ops.filter((op) => {
    if (filter.excludeTools?.includes(op.name)) return false;
    if (filter.readOnly && !op.annotations.readOnlyHint) return false;
    if (filter.tools?.includes(op.name)) return true;
    if (filter.tools?.length && !toolsets?.length) return false;
    return all || (op.toolset !== undefined && (toolsets as string[]).includes(op.toolset));
  });
}
