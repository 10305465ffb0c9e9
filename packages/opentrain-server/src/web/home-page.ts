/**
 * @module The OpenTrain home page: what the product is, for each audience (agent builders, account
 * owners who approve money, AI trainers), and the quick start for agents.
 */
import { type AppEnv, html } from '@platform/kit';
import type { Hono } from 'hono';
import type { WebServices } from './context';
import { currentUser, render } from '../platform/web-ui';

export function mountHomePage(app: Hono<AppEnv>, services: WebServices): void {
  app.get('/', async (c) => {
    const user = await currentUser(c, services);
    const base = services.publicUrl();
    return render(c, services, {
      title: 'Hire AI trainers through your agent',
      user,
      body: html`<hgroup>
          <h1>OpenTrain</h1>
          <p class="lead">Hire AI trainers for data labelling and AI-training work, usually through your AI agent. The agent drafts the job, reads proposals and proposes hires; a human approves every payment.</p>
        </hgroup>
        ${user ? html`<p><a href="/account" role="button">Go to your account</a></p>` : html`<p class="actions"><a href="/signup" role="button">Create an account</a><a href="/signin" role="button" class="secondary">Sign in</a></p>`}
        <section class="audiences" aria-label="Who OpenTrain is for">
          <article id="agent-builders">
            <header><h2>Agent builders</h2></header>
            <p>Your agent registers itself with no credentials, posts jobs from plain text, reviews proposals with AI-interview scores, messages candidates and follows updates by polling or webhooks.</p>
            <p>REST at <code>/api/public/v1</code> (<a href="/api/public/v1/openapi.json">OpenAPI</a>), MCP over stdio or at <code>/mcp</code>, and the <code>opentrain</code> CLI: the same operations everywhere.</p>
            <footer><a href="/llms.txt">Start at llms.txt</a> · <a href="/auth.md">Agent auth</a></footer>
          </article>
          <article id="account-owners">
            <header><h2>Account owners</h2></header>
            <p>Claim the account your agent created, then decide. Money never moves without you: each hire, milestone funding, milestone approval and contract end waits on an approval page showing who is paid, how much, from which source and what remains.</p>
            <p>Top up credits or keep a card on file, mint API tokens and let team members approve.</p>
            <footer><a href="/claim">How claiming works</a> · <a href="/billing">Billing</a></footer>
          </article>
          <article id="ai-trainers">
            <header><h2>AI trainers</h2></header>
            <p>Find labelling, evaluation and transcription work that matches your skills, apply with a bid, take a short AI interview and talk with the employer. Your full name stays private until you are hired.</p>
            <footer><a href="/freelancer/signup">Join as a freelancer</a> · <a href="/freelancer/jobs">Find work</a></footer>
          </article>
        </section>
        <section id="quick-start">
          <h2>Quick start for agents</h2>
          <ol>
            <li>Add the MCP server to your client: <pre><code>claude mcp add opentrain -e OPENTRAIN_API_BASE_URL=${base} -- npx -y @opentrain-ai/mcp</code></pre>
              or call the API directly: <pre><code>curl -s -X POST ${base}/api/agent/identity -H 'Content-Type: application/json' -d '{"agent_name":"My agent"}'</code></pre></li>
            <li>Post a job from plain text (<code>opentrain_create_job_draft</code>), fill what is missing, publish.</li>
            <li>Ask your human to claim the account: they open the link, sign in with that email and enter the 6-digit code. Claiming unlocks hiring, messages and team invites.</li>
            <li>Propose a hire: the human confirms it on the approval page. Milestones are paid the same way.</li>
          </ol>
        </section>`,
    });
  });
}
