/**
 * @module The hosted MCP endpoint: the same Public API tools as the stdio package, served over
 * Streamable HTTP at `/mcp` (both protocol eras, stateless) with `Authorization: Bearer ot_pat_…`.
 * Tools run in-process through the operation server (same gates, scopes, rate limit and error
 * envelope as REST). The onboarding tools (register, claim) write local credential files, so they
 * exist only in the stdio package; a token's tools/list shows only what its scopes allow.
 */
import { type AppEnv, type AppMetrics, createHostedMcp, type HostedMcpAllowList, hostedMcpGuard, type Logger, type OperationServer, UNTRUSTED_DATA_NOTICE } from '@platform/kit';
import { OPENTRAIN_VERSION, opentrainApi } from '@opentrain/api';
import type { Hono } from 'hono';
import type { OpenTrainAuth, OpenTrainContext } from './platform/context';

export const HOSTED_MCP_PATH = '/mcp';

export const HOSTED_MCP_INSTRUCTIONS =
  'OpenTrain: hire AI trainers. Draft with opentrain_create_job_draft, fill missing fields with opentrain_update_job_draft_fields, publish, then watch opentrain_poll_updates for proposals. Money never moves from here: hire, funding, approval and contract-end return an approvalUrl a signed-in human must confirm. Registration and claim are not served here: use the stdio package (npx -y @opentrain-ai/mcp) or the agent-auth endpoints. ' + UNTRUSTED_DATA_NOTICE;

export interface HostedMcpOptions {
  logger: Logger;
  /** The public origin: its hostname is accepted in Host and Origin. */
  publicUrl: () => string;
  allowList: HostedMcpAllowList;
  /** Tool-call latency (`mcp_tool_call_duration_seconds`). */
  metrics?: AppMetrics;
}

export function mountHostedMcp(app: Hono<AppEnv>, publicApi: OperationServer<OpenTrainAuth, OpenTrainContext>, options: HostedMcpOptions): void {
  const { logger } = options;
  const route = createHostedMcp(publicApi, {
    name: 'opentrain',
    version: OPENTRAIN_VERSION,
    instructions: HOSTED_MCP_INSTRUCTIONS,
    requireAuth: true,
    // 5xx tool failures, summariser errors and unexpected request failures, with the request id.
    logger,
    metrics: options.metrics,
  });
  // DNS rebinding: a page on another site must not reach a local /mcp under a name it controls.
  app.use(
    HOSTED_MCP_PATH,
    hostedMcpGuard({
      errorModel: opentrainApi.errorModel,
      publicUrl: options.publicUrl,
      allowList: options.allowList,
      hint: 'Set OPENTRAIN_PUBLIC_URL to the public address, or list the name in OPENTRAIN_MCP_ALLOWED_HOSTS / OPENTRAIN_MCP_ALLOWED_ORIGINS.',
    }),
  );
  app.all(HOSTED_MCP_PATH, route);
}
