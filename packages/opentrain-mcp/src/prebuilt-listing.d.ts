// Modules scripts/build.mjs generates at build time (from listing.ts) for the bundle entry.
declare module 'opentrain-mcp:listing' {
  /** The tools as a JSON string (`Tool[]`): parsed on the first tools/list, not at start-up. */
  const tools: string;
  export default tools;
}
declare module 'opentrain-mcp:output-schemas' {
  const outputSchemas: Record<string, NonNullable<import('@modelcontextprotocol/server').Tool['outputSchema']>>;
  export default outputSchemas;
}
declare module 'opentrain-mcp:toolsets' {
  const toolsets: Record<string, string[]>;
  export default toolsets;
}
