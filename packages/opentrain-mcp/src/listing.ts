/**
 * @module The tool listing computed from the contracts at run time: the exact `tools/list` of the
 * source server, read in-process. The build bakes it into the bundle (scripts/build.mjs) and a test
 * checks the bundle still lists the same, so the build artefact cannot drift from the contracts.
 */
import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport, type Tool } from '@modelcontextprotocol/server';
import { buildStdioServerFactory } from '@platform/kit';
import { serverOptions, TOOLSETS } from './server';
import type { Toolsets } from './toolsets';

/** What `tools/list` answers for these flags and environment, listed in-process. */
export async function listToolsInProcess(argv: string[], env: NodeJS.ProcessEnv): Promise<Tool[]> {
  const server = buildStdioServerFactory(serverOptions(argv, { OPENTRAIN_API_BASE_URL: 'http://127.0.0.1:9', ...env }))();
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'listing', version: '1.0.0' });
  await client.connect(clientSide);
  try {
    return (await client.listTools()).tools as Tool[];
  } finally {
    await client.close();
  }
}

/** Every tool as listed without output schemas, plus each tool's output schema (listed on request). */
export interface PrebuiltListing {
  tools: Tool[];
  outputSchemas: Record<string, NonNullable<Tool['outputSchema']>>;
  /** The toolsets derived from the contracts, so the bundle selects tools without loading them. */
  toolsets: Toolsets;
}

export async function computeListing(): Promise<PrebuiltListing> {
  const tools = await listToolsInProcess([], {});
  const withOutput = await listToolsInProcess(['--output-schemas'], {});
  const outputSchemas = Object.fromEntries(withOutput.flatMap((tool) => (tool.outputSchema ? [[tool.name, tool.outputSchema]] : [])));
  return { tools, outputSchemas, toolsets: TOOLSETS };
}
