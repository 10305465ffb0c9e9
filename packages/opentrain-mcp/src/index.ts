/**
 * @module Entry point of `opentrain-mcp` (stdio). stdout carries only MCP protocol; diagnostics go
 * to stderr. No network I/O happens before the client's first tool call.
 */
import { startServer, VERSION } from './server';

const argv = process.argv.slice(2);
if (argv.includes('--version') || argv.includes('-v')) {
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}
if (argv.includes('--help') || argv.includes('-h')) {
  process.stderr.write(
    'opentrain-mcp [--version] [--toolsets a,b] [--tools t1,t2] [--exclude-tools t3] [--read-only] [--output-schemas]\n' +
      'Env: OPENTRAIN_API_BASE_URL, OPENTRAIN_PERSONAL_API_TOKEN, OPENTRAIN_TOOLSETS, OPENTRAIN_TOOLS, OPENTRAIN_EXCLUDE_TOOLS, OPENTRAIN_READ_ONLY, OPENTRAIN_MCP_OUTPUT_SCHEMAS\n',
  );
  process.exit(0);
}
try {
  startServer(argv, process.env);
} catch (err) {
  process.stderr.write(`opentrain-mcp: ${(err as Error).message}\n`);
  process.exit(2);
}
