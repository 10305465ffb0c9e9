/**
 * @module MCP tools derived from operation contracts. The listed tool JSON is computed once per
 * operation and cached; the SDK's own argument check is a pass-through so argument errors come
 * back through the same pipeline (and the same envelope) as on REST.
 *
 * Results: a text summary plus `structuredContent` holding the exact API body. Failures: `isError`
 * with the whole envelope in the text and NO `structuredContent`: SDK v1 clients validate
 * `structuredContent` against the tool's `outputSchema` even on errors (docs/mcp.md).
 * Output schemas are listed only on request (`outputSchemas`), to keep `tools/list` small.
 */
import type { CallToolResult, McpServer, StandardSchemaWithJSON, Tool } from '@modelcontextprotocol/server';
import type { ErrorPayload } from '../errors/api-error';
import type { AnyOperation } from '../operations/define';
import { compactJsonSchema, type JsonSchema, mcpInputJsonSchema, operationSchemas } from '../operations/json-schema';
import { fenceUserText } from './untrusted';

export interface ToolListOptions {
  /** List each tool's `outputSchema` (off by default: it roughly doubles `tools/list`). */
  outputSchemas?: boolean;
}

const listed = new WeakMap<AnyOperation, { plain: Tool; withOutput?: Tool }>();

/** The tool exactly as `tools/list` advertises it (computed once per operation). */
export function listedTool(op: AnyOperation, options: ToolListOptions = {}): Tool {
  let entry = listed.get(op);
  if (!entry) {
    entry = {
      plain: {
        name: op.name,
        ...(op.title ? { title: op.title } : {}),
        description: op.description,
        inputSchema: compactJsonSchema(mcpInputJsonSchema(op), { omitLengths: true }) as Tool['inputSchema'],
        annotations: { ...op.annotations },
      },
    };
    listed.set(op, entry);
  }
  if (!options.outputSchemas) return entry.plain;
  entry.withOutput ??= { ...entry.plain, outputSchema: compactJsonSchema(operationSchemas(op).output) as Tool['outputSchema'] };
  return entry.withOutput;
}


/** Wraps a precomputed JSON Schema as the Standard Schema McpServer accepts. */
export function schemaFromJson(json: JsonSchema, validate: (value: unknown) => unknown): StandardSchemaWithJSON {
  return {
    '~standard': {
      version: 1,
      vendor: 'platform-kit',
      validate: validate as never,
      jsonSchema: { input: () => json, output: () => json },
    },
  } as StandardSchemaWithJSON;
}

/** Called when a summariser throws (the call still succeeds with a generic line). */
export type SummaryErrorHandler = (err: unknown, op: AnyOperation) => void;

export function successResult(op: AnyOperation, output: unknown, input: unknown, onSummaryError?: SummaryErrorHandler): CallToolResult {
  let text: string;
  try {
    // The summary is what the model reads: user-written text in it arrives fenced as data.
    text = op.summarize(fenceUserText(operationSchemas(op).output, output) as never, input as never);
  } catch (err) {
    onSummaryError?.(err, op);
    text = `${op.name} succeeded (no summary: see structuredContent).`;
  }
  return { content: [{ type: 'text', text }], structuredContent: output as Record<string, unknown> };
}

/** The next step a model can act on, from the envelope's documented details. */
function nextStep(details: Record<string, unknown>): string | undefined {
  // A product that names its own next step (OpenTrain: details.nextStep on every refusal) knows best.
  if (typeof details.nextStep === 'string' && details.nextStep) return details.nextStep;
  if (typeof details.claimUrl === 'string') return `a human must claim this account at ${details.claimUrl}, then retry.`;
  if (typeof details.billingUrl === 'string') return `a human adds a payment method or credits at ${details.billingUrl}, then retry.`;
  if (Array.isArray(details.requiredScopes)) return `use a credential with the scope(s) ${details.requiredScopes.join(', ')}.`;
  if (typeof details.retryAfterSeconds === 'number') return `retry after ${details.retryAfterSeconds} s.`;
  if (typeof details.field === 'string') return `fix the field "${details.field}" and retry.`;
  return undefined;
}

/**
 * `isError` result. The text carries everything, one fact per line:
 * `Error (HTTP <status> <code>): <message>`, `Details: <JSON>`, `Next step: …`, `Request id: …`.
 */
export function errorResult(error: ErrorPayload & { requestId?: string }): CallToolResult {
  const details = error.details ?? {};
  const lines = [`Error (HTTP ${error.status} ${error.code}): ${error.message}`];
  if (Object.keys(details).length) lines.push(`Details: ${JSON.stringify(details)}`);
  const next = nextStep(details);
  if (next) lines.push(`Next step: ${next}`);
  if (error.requestId) lines.push(`Request id: ${error.requestId}`);
  return { isError: true, content: [{ type: 'text', text: lines.join('\n') }] };
}

/** Reads back an `errorResult` text (tests and programs that want the envelope as an object). */
export function parseErrorText(text: string): (ErrorPayload & { requestId?: string }) | undefined {
  const head = /^Error \(HTTP (\d+) ([A-Za-z0-9_]+)\): ([\s\S]*?)$/m.exec(text);
  if (!head) return undefined;
  const details = /^Details: (.*)$/m.exec(text);
  const requestId = /^Request id: (.*)$/m.exec(text);
  return {
    status: Number(head[1]),
    code: head[2],
    message: head[3],
    details: details ? JSON.parse(details[1]) : {},
    ...(requestId ? { requestId: requestId[1] } : {}),
  };
}

export type ToolCaller = (op: AnyOperation, args: Record<string, unknown>) => Promise<CallToolResult>;

/** Registers one McpServer tool per operation (stdio); hosted MCP serves `listedTool` directly. */
export function registerOperationTools(server: McpServer, ops: AnyOperation[], call: ToolCaller, options: ToolListOptions = {}): void {
  for (const op of ops) {
    const tool = listedTool(op, options);
    server.registerTool(
      op.name,
      {
        title: tool.title,
        description: op.description,
        inputSchema: schemaFromJson(tool.inputSchema as JsonSchema, (value) => ({ value })),
        // When listed, the SDK checks success structuredContent against it: a wrong shape is caught.
        ...(tool.outputSchema ? { outputSchema: schemaFromJson(tool.outputSchema as JsonSchema, (value) => op.output['~standard'].validate(value)) } : {}),
        annotations: tool.annotations,
      },
      ((args: Record<string, unknown>) => call(op, args ?? {})) as never,
    );
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
