// Stands in for `@modelcontextprotocol/server/_shims` (Node build) in the published bundle only:
// the same `process`, and a JSON Schema validator that is not bundled. The SDK's default (ajv,
// about 150 KB, a fifth of the start-up code) checks only elicitation answers, and this server
// never elicits; leaving it out is the largest cut in cold start (docs/mcp.md, "Cold start").
import process from 'node:process';

export class DefaultJsonSchemaValidator {
  getValidator() {
    throw new Error('opentrain-mcp does not bundle a JSON Schema validator: it sends no elicitation requests.');
  }
}

export { process };
