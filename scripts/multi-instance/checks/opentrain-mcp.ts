/**
 * @module OpenTrain through the proxy, as an agent over hosted `/mcp` (Streamable HTTP) and a human
 * in web pages: register → draft from plain text → fill the missing fields → publish → sandbox
 * proposals arrive (outbox jobs run by whichever instance claims them) → proposal and interview →
 * claim (the human signs up by emailed link and enters the code: cookies and CSRF tokens minted
 * by one instance, checked by another) → the claimed token → a conversation. Every request goes
 * round robin, so consecutive calls land on different instances.
 */
import { listSandboxMail } from '@platform/kit';
import { connectMcpHttp, type TestMcpClient, toolError } from '@platform/kit/testing';
import { WebClient } from '../../../packages/opentrain-server/src/testing/web-client';
import { check, json, productDatabase, uniqueEmail, until } from './support';

const JOB_TEXT =
  'We need experienced image annotation specialists to draw bounding boxes around retail products in catalog photos. The dataset has about 1,200 JPG files. Contributors should have prior image-labeling QA experience, write short edge-case notes, and report daily throughput. Pay is $25 per hour.';

// biome-ignore lint/suspicious/noExplicitAny: results are checked field by field.
async function ok(client: TestMcpClient, name: string, args: Record<string, unknown> = {}): Promise<any> {
  const result = await client.callTool(name, args);
  if (result.isError) throw new Error(`${name} failed: ${toolError(result).text}`);
  return result.structuredContent;
}

export async function openTrainHostedMcpFlow(base: string, databaseUrl: string): Promise<Record<string, unknown>> {
  const db = await productDatabase(databaseUrl, 'opentrain');
  let client: TestMcpClient | undefined;
  try {
    const registered = await json(`${base}/api/agent/identity`, { body: { agent_name: 'Multi-instance agent', organization_name: 'Scale Labs' } });
    check(registered.status === 200, 'registration through the proxy', registered);
    const connect = async (token: string) => {
      await client?.close();
      client = await connectMcpHttp('v2', `${base}/mcp`, { Authorization: `Bearer ${token}` });
      return client;
    };
    let mcp = await connect(registered.body.access_token);
    check((await ok(mcp, 'opentrain_auth_status')).account.claimed === false, 'a fresh agent is unclaimed');

    let draft = await ok(mcp, 'opentrain_create_job_draft', { title: 'Image Annotation Specialist', jobDescription: JOB_TEXT, idempotencyKey: `mi-${Date.now()}` });
    const jobId = draft.jobId as string;
    for (let round = 0; round < 3 && !draft.validation.publishReady; round++) {
      const fields = Object.fromEntries(draft.missingFields.map((m: { updateKeys: string[]; example: unknown }) => [m.updateKeys[0], m.example]));
      draft = await ok(mcp, 'opentrain_update_job_draft_fields', { jobId, fields });
    }
    check(draft.validation.publishReady, 'the draft is ready after the missing fields', draft.validation);
    check((await ok(mcp, 'opentrain_publish_job', { jobId })).status === 'OPEN', 'published');

    // Sandbox freelancers apply through outbox jobs, on whichever instance claims them.
    let cursor: string | undefined;
    const proposalEvents = await until(
      'sandbox proposals in poll_updates',
      async () => {
        const page = await ok(mcp, 'opentrain_poll_updates', cursor ? { cursor, limit: 50 } : { limit: 50 });
        cursor = page.nextCursor ?? cursor;
        const received = page.events.filter((e: { type: string }) => e.type === 'proposal.received');
        return received.length > 0 ? received.length : undefined;
      },
      120_000,
      500,
    );
    const proposals = (await ok(mcp, 'opentrain_list_proposals', { jobId, limit: 20 })).proposals as Array<{ id: string }>;
    check(proposals.length > 0, 'proposals listed');
    const detail = await ok(mcp, 'opentrain_get_proposal', { proposalId: proposals[0].id, includeInterview: true });
    check((detail.proposal.interview?.messages.length ?? 0) > 0, 'the AI interview is there');

    // The claim: the agent starts it, the human finishes it in pages served by both instances.
    const email = uniqueEmail('mi-owner');
    const claim = await json(`${base}/api/agent/identity/claim`, { body: { claim_token: registered.body.claim_token, email } });
    check(claim.status === 200, 'claim started', claim);
    check(String(claim.body.verification_uri).startsWith(base), 'links point at the proxy (OPENTRAIN_PUBLIC_URL)', claim.body.verification_uri);
    const web = new WebClient(base);
    const verification = new URL(claim.body.verification_uri);
    const next = verification.pathname + verification.search;
    await web.get(`/signup?next=${encodeURIComponent(next)}`);
    const sent = await web.post('/signup', { email, first_name: 'Ada', last_name: 'Lovelace', next });
    check(sent.status === 200, 'sign-up form accepted (CSRF token from another instance)', sent.status);
    const link = await until('the sign-in mail', async () => {
      const mails = await listSandboxMail(db.db, { to: email, limit: 10 });
      return mails.flatMap((m) => m.text.match(/https?:\/\/\S+/g) ?? []).find((u) => u.includes('/signin/verify'));
    });
    await web.get(link);
    const landed = await web.post('/signin/verify', { token: new URL(link).searchParams.get('token') as string });
    check(landed.text.includes('name="user_code"'), 'signed in and on the claim page', landed.status);
    const done = await web.post('/claim', { token: verification.searchParams.get('token') as string, user_code: claim.body.user_code });
    check(done.text.includes('Agent claimed'), 'claimed by the human', done.status);
    const polled = await until('the post-claim token', async () => {
      const res = await json(`${base}/api/agent/oauth/token`, { form: { grant_type: 'urn:opentrain:agent-auth:grant-type:claim', claim_token: registered.body.claim_token } });
      return res.status === 200 ? res : undefined;
    }, 30_000, 1000);
    mcp = await connect(polled.body.access_token);
    check((await ok(mcp, 'opentrain_auth_status')).account.claimed === true, 'the claimed token works over /mcp');

    const conversation = await ok(mcp, 'opentrain_start_proposal_conversation', { proposalId: proposals[0].id });
    await ok(mcp, 'opentrain_send_message', { conversationId: conversation.conversationId, content: 'Hello from behind the proxy' });
    const thread = await ok(mcp, 'opentrain_read_messages', { conversationId: conversation.conversationId });
    check(JSON.stringify(thread.messages).includes('behind the proxy'), 'the message reads back');
    return { jobId, proposalEvents, proposals: proposals.length };
  } finally {
    await client?.close();
    await db.close();
  }
}
