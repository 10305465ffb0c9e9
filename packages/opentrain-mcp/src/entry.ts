/**
 * @module The command line shared by both entries (source `index.ts`, bundled `bundle.ts`). stdout
 * carries only MCP protocol; diagnostics go to stderr. No network I/O happens before the client's
 * first tool call.
 */
import { VERSION } from './identity';

export function runEntry(start: (argv: string[], env: NodeJS.ProcessEnv) => unknown): void {
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
  const failed = (err: unknown) => {
    process.stderr.write(`opentrain-mcp: ${(err as Error).message}\n`);
    process.exit(2);
  };
  try {
    Promise.resolve(start(argv, process.env)).catch(failed);
  } catch (err) {
    failed(err);
  }
}
